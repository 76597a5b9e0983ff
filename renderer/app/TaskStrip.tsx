import { percentDone, taskLabel, useTasksStore, visibleTasks } from '../state/tasksStore';

/** Long tasks under way (and those that failed), with their progress: every long task shows it. */
export function TaskStrip() {
  const tasks = visibleTasks(useTasksStore((s) => s.tasks));
  const dismiss = useTasksStore((s) => s.dismiss);
  if (tasks.length === 0) return null;
  return (
    <div className="task-strip" role="status" aria-live="polite">
      {tasks.map((t) => {
        const pct = percentDone(t);
        const failed = t.state === 'failed' || t.state === 'cancelled';
        return (
          <div key={t.id} className={`task task-${t.state}`} data-testid="task-progress" data-task={t.task}>
            <span className="task-label">{taskLabel(t.task)}</span>
            {failed ? (
              <>
                <span className="task-error">
                  {t.state === 'cancelled' ? 'Cancelled' : 'Failed'}: {t.error}
                </span>
                <button type="button" className="button-small" onClick={() => dismiss(t.id)}>
                  Dismiss
                </button>
              </>
            ) : (
              <>
                <progress
                  className="task-bar"
                  max={100}
                  value={pct ?? undefined}
                  aria-label={`${taskLabel(t.task)} progress`}
                />
                <span className="task-percent" data-testid="task-percent">
                  {t.state === 'queued' ? 'Waiting…' : pct === null ? 'Starting…' : `${pct}%`}
                </span>
                {t.message && t.state === 'running' && (
                  <span className="task-message muted">{t.message}</span>
                )}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
