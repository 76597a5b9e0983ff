import type { Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import type { Store } from '../store';
import { inWriteTransaction } from '../store/write';
import type { AnyTask, Progress, TaskContext } from './task';

/** Progress leaves a task at most this often (and always at 100 %). */
export const PROGRESS_INTERVAL_MS = 100;

export interface TaskEnv {
  store: Store;
  clock: Clock;
  /** How long a write keeps retrying while another program holds the database. */
  lockWaitMs: number;
  /** True once the task should stop. */
  isCancelled(): boolean;
  signal: AbortSignal;
  onProgress(progress: Progress): void;
}

export const stopped = (): EngineError =>
  new EngineError('cancelled', 'The task was stopped before it finished.');

/**
 * Runs one task the same way inline and inside a worker thread: builds its context, wraps a write
 * in its transaction, throttles progress. Returns what the task returns; throws what it throws.
 */
export async function runTask(def: AnyTask, input: unknown, env: TaskEnv): Promise<unknown> {
  const { clock } = env;
  let lastProgress = Number.NEGATIVE_INFINITY;
  const checkpoint = () => {
    if (env.isCancelled()) throw stopped();
  };
  const ctx: TaskContext = {
    store: env.store,
    signal: env.signal,
    checkpoint,
    progress(done, total, message) {
      const now = clock.monotonic();
      if (done < total && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      env.onProgress({ done, total, message: message ?? null });
    },
  };
  checkpoint();
  if (def.kind === 'write') {
    return inWriteTransaction(env.store.db, () => def.run(ctx, input), {
      durability: def.durability ?? 'full',
      lockWaitMs: env.lockWaitMs,
      clock,
      checkpoint,
    });
  }
  return await def.run(ctx, input);
}
