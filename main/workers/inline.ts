import type { Clock } from '../core/clock';
import type { EngineError } from '../core/errors';
import type { Store } from '../store';
import type { Executor, Job } from './lane';
import { runTask } from './run-task';
import type { Progress, Registry } from './task';

export interface InlineOptions {
  registry: Registry;
  /** The connection tasks get: read-only for read lanes, the writer's for the write lane. */
  store: Store;
  clock: Clock;
  lockWaitMs: number;
  capacity?: number;
}

/**
 * Runs jobs on the calling thread (tests, and wherever threads are not wanted). Same task code,
 * same transactions and cancellation as in a worker; it cannot kill a job that ignores its
 * checkpoint, so the lane abandons a read and waits for a write.
 */
export function inlineExecutor(options: InlineOptions): Executor {
  const running = new Map<number, AbortController>();
  return {
    capacity: options.capacity ?? 1,
    async execute(job: Job, onProgress: (progress: Progress) => void): Promise<unknown> {
      const def = options.registry[job.task];
      if (!def) throw new Error(`There is no task "${job.task}".`);
      const controller = new AbortController();
      running.set(job.id, controller);
      try {
        // Let the caller's synchronous code finish first, as a worker thread would.
        await Promise.resolve();
        // Inputs and results are copied, as they are between threads, so tests catch what cannot cross.
        const result = await runTask(def, structuredClone(job.input), {
          store: options.store,
          clock: options.clock,
          lockWaitMs: options.lockWaitMs,
          isCancelled: () => controller.signal.aborted,
          signal: controller.signal,
          onProgress,
        });
        return structuredClone(result);
      } finally {
        running.delete(job.id);
      }
    },
    cancel(jobId: number) {
      running.get(jobId)?.abort();
    },
    kill(_jobId: number, _reason: EngineError) {
      return false;
    },
    async close() {},
  };
}
