import type { TaskInfo as TaskInfoDto } from '../contract/schemas';
import { toTaskDto } from '../app/handlers';
import { EngineError } from '../core/errors';
import type { DemoSizeName } from '../demo/generate';
import type { Store } from '../store';
import type { TaskRunner } from '../workers/runner';
import type { demoTasks } from '../demo/tasks';

/** What a first start prepares before pages have data: the demo book, when nothing is configured. */
export interface FirstStart {
  /** Resolves once the book exists; rejects with 'unavailable' and the reason if making it failed. */
  ready(signal: AbortSignal): Promise<void>;
  /** The first-start task while it runs, or if it failed; null once done and on later starts. */
  task(): TaskInfoDto | null;
  /** Stops it (at shutdown): it rolls back, and the next start makes the book again. */
  cancel(): void;
}

/**
 * Starts making the demo book in the background when the data folder has no account, so the
 * shells can serve at once and show its progress (task.progress events, app.info.startup) while
 * pages wait for their data. On every later start there is nothing to do.
 */
export function beginFirstStart(deps: {
  store: Store;
  runner: TaskRunner<typeof demoTasks>;
  size: DemoSizeName;
  dataDir: string;
  log: (line: string) => void;
}): FirstStart {
  const { runner, log } = deps;
  if (deps.store.accounts.list().length > 0) {
    return { ready: async () => {}, task: () => null, cancel: () => {} };
  }
  log(`First start in ${deps.dataDir}: generating the ${deps.size} demo book (simulated broker)…`);
  let shown = -1;
  const making = runner.run(
    'demo.generate',
    { size: deps.size },
    {
      onProgress: ({ done, total }) => {
        const tenth = Math.floor((10 * done) / Math.max(1, total));
        if (tenth > shown && tenth < 10) log(`  demo book ${tenth * 10}%`);
        shown = Math.max(shown, tenth);
      },
    },
  );
  // The job was queued just now: it is the newest tracked task.
  const id = runner.tracked().at(-1)!.id;
  const made = making.then(
    (info) => {
      if (info)
        log(
          `Demo book ready: ${info.fills.toLocaleString('en-US')} fills over ${info.days} sessions, as of ${info.asOf}.`,
        );
    },
    (err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      log(`The demo book could not be made: ${reason}`);
      throw new EngineError(
        'unavailable',
        `The demo book could not be made: ${reason} Restart Keel to try again; if it keeps failing, start with an empty --data-dir.`,
      );
    },
  );
  made.catch(() => {}); // callers of ready() get the failure; nobody may be waiting yet
  return {
    ready: (signal) =>
      new Promise<void>((resolve, reject) => {
        const onAbort = () =>
          reject(new EngineError('cancelled', 'The request was cancelled: its caller went away.'));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort);
        made.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      }),
    task() {
      const info = runner.tracked().find((t) => t.id === id);
      return info && info.state !== 'done' ? toTaskDto(info) : null;
    },
    cancel: () => void runner.cancel(id),
  };
}
