import { create } from 'zustand';
import type { TaskInfo } from '../../main/contract';
import { api } from '../api/client';

/** What a person reads for each long task. */
export const TASK_LABELS: Readonly<Record<string, string>> = {
  'demo.generate': 'Preparing the demo book',
};
export const taskLabel = (task: string): string => TASK_LABELS[task] ?? task;

/** How long a finished task stays on screen (its bar at 100 %) before it goes. */
export const DONE_LINGER_MS = 2_000;

export interface TasksState {
  /** Long tasks by id: queued and running ones, and failed or cancelled ones until dismissed. */
  tasks: Record<string, TaskInfo>;
  /** Takes a task.progress event (or a row of tasks.list). */
  apply(task: TaskInfo): void;
  load(): Promise<void>;
  dismiss(id: string): void;
}

let onFinished: (task: TaskInfo) => void = () => {};
/** Tasks the person put away (or that finished): a later tasks.list must not bring them back. */
const putAway = new Set<string>();
/** Called once per task that finishes well: data it made or changed may now be shown. */
export function onTaskDone(listener: (task: TaskInfo) => void): void {
  onFinished = listener;
}

export const useTasksStore = create<TasksState>()((set, get) => ({
  tasks: {},
  apply(task) {
    if (putAway.has(task.id)) return;
    const before = get().tasks[task.id];
    // Events can overtake a tasks.list answer: never go back to an older state of a task.
    if (before && before.updatedAt > task.updatedAt) return;
    set((s) => ({ tasks: { ...s.tasks, [task.id]: task } }));
    if (task.state === 'done' && before?.state !== 'done') {
      onFinished(task);
      setTimeout(() => get().dismiss(task.id), DONE_LINGER_MS);
    }
  },
  async load() {
    try {
      for (const t of await api().call('tasks.list', {})) {
        if (t.state !== 'done') get().apply(t);
      }
    } catch {
      // The strip is a courtesy: a failed load leaves it as it was; events keep it current.
    }
  },
  dismiss(id) {
    putAway.add(id);
    set((s) => {
      const { [id]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    });
  },
}));

/** The tasks to show, oldest first. */
export function visibleTasks(tasks: Record<string, TaskInfo>): TaskInfo[] {
  return Object.values(tasks).sort(
    (a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id),
  );
}

/** Whole percent done, or null while the task has not said how much there is. */
export function percentDone(task: TaskInfo): number | null {
  if (task.state === 'done') return 100;
  if (task.done === null || task.total === null || task.total <= 0) return null;
  return Math.min(100, Math.floor((100 * task.done) / task.total));
}
