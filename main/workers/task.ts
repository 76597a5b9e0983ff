import type { Store } from '../store';
import type { Durability } from '../store/write';

/** Where a task runs. Each lane has its own threads and queue, so a long batch never delays a query. */
export type LaneName = 'interactive' | 'batch' | 'write';
export const LANES: readonly LaneName[] = ['interactive', 'batch', 'write'];

export interface Progress {
  done: number;
  total: number;
  message: string | null;
}

/** What a task gets besides its input. */
export interface TaskContext {
  /** Read-only connection for read tasks; the one read-write connection for write tasks. */
  readonly store: Store;
  /** Reports progress; cheap to call often (it is throttled before it leaves the thread). */
  progress(done: number, total: number, message?: string): void;
  /** Throws once the caller gave up or time ran out. Long loops call it every so often. */
  checkpoint(): void;
  /** Aborts together with checkpoint(), for async reads that can pass a signal on. */
  readonly signal: AbortSignal;
}

interface TaskBase<I, O> {
  /** Shown in tasks.list and pushed as task.progress: for long work a person waits on. */
  tracked?: boolean;
  /** Default time limit, ms; the lane's default otherwise. Infinity: none. */
  timeoutMs?: number;
  run(ctx: TaskContext, input: I): O;
}

/**
 * A query. Identical queries in flight at once (same task, same input) run once and share the
 * answer, so a flood of one request costs one computation.
 */
export interface ReadTask<I, O> extends TaskBase<I, O | Promise<O>> {
  kind: 'read';
  lane?: 'interactive' | 'batch';
}

/** A change, run in one short write transaction on the single writer connection. */
export interface WriteTask<I, O> extends TaskBase<I, O> {
  kind: 'write';
  /** 'full' unless the data can be made again (see docs/durability.md). */
  durability?: Durability;
  /** Bulk writes (imports, generation) yield to interactive ones waiting in the queue. */
  priority?: 'interactive' | 'bulk';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds tasks of every input/output type
export type AnyTask = ReadTask<any, any> | WriteTask<any, any>;
export type Registry = Record<string, AnyTask>;

export type TaskInput<T> = T extends { run(ctx: TaskContext, input: infer I): unknown } ? I : never;
export type TaskOutput<T> =
  T extends ReadTask<unknown, infer O> ? O : T extends WriteTask<unknown, infer O> ? O : never;

export const readTask = <I, O>(def: Omit<ReadTask<I, O>, 'kind'>): ReadTask<I, O> => ({
  kind: 'read',
  ...def,
});
export const writeTask = <I, O>(def: Omit<WriteTask<I, O>, 'kind'>): WriteTask<I, O> => ({
  kind: 'write',
  ...def,
});

export function laneOf(task: AnyTask): LaneName {
  return task.kind === 'write' ? 'write' : (task.lane ?? 'interactive');
}
