import { randomBytes } from 'node:crypto';
import { isLockedError } from '../store/write';
import type { Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import { Lane, type Executor, type JobEvent, type JobState } from './lane';
import {
  LANES,
  laneOf,
  type LaneName,
  type Progress,
  type Registry,
  type TaskInput,
  type TaskOutput,
} from './task';

export interface LaneConfig {
  /** Threads (ignored for 'write': there is exactly one writer). */
  workers: number;
  /** Jobs that may wait; past it calls are answered 'busy'. */
  maxQueue: number;
  /** Default time limit of a job once it runs, ms. */
  timeoutMs: number;
}

/**
 * Two cores are the norm: one thread answers the pages, one runs long jobs, one writes. A page's
 * query never waits behind a report or a sync, and writes never wait behind either.
 */
export const DEFAULT_LANES: Readonly<Record<LaneName, LaneConfig>> = {
  interactive: { workers: 1, maxQueue: 64, timeoutMs: 30_000 },
  batch: { workers: 1, maxQueue: 16, timeoutMs: 30 * 60_000 },
  write: { workers: 1, maxQueue: 1_000, timeoutMs: 60_000 },
};
export const CANCEL_GRACE_MS = 2_000;
/** Finished tracked tasks kept for tasks.list. */
const KEEP_FINISHED = 50;

export interface TaskInfo {
  id: string;
  task: string;
  lane: LaneName;
  state: JobState;
  progress: Progress | null;
  error: string | null;
  /** Epoch ms. */
  queuedAt: number;
  updatedAt: number;
}

export interface RunOptions {
  /** Aborting it cancels the call (and the job, once no other caller shares it). */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Run a read on the batch lane instead of its default. */
  lane?: 'interactive' | 'batch';
  onProgress?: (progress: Progress) => void;
}

export interface TaskRunner<R extends Registry = Registry> {
  run<T extends keyof R & string>(
    task: T,
    input: TaskInput<R[T]>,
    options?: RunOptions,
  ): Promise<Awaited<TaskOutput<R[T]>>>;
  /** Tracked tasks (long work a person waits on): running, queued and recently finished. */
  tracked(): TaskInfo[];
  /** Cancels a tracked task by id; false if there is no such task still running or queued. */
  cancel(id: string): boolean;
  onTask(listener: (info: TaskInfo) => void): () => void;
  stats(): Record<LaneName, { queued: number; running: number }>;
  /** Reads are stopped, writes are let finish; then the threads end. */
  close(): Promise<void>;
}

export interface RunnerOptions<R extends Registry> {
  registry: R;
  executors: Record<LaneName, Executor>;
  clock: Clock;
  lanes?: Partial<Record<LaneName, Partial<LaneConfig>>>;
  cancelGraceMs?: number;
  /**
   * Makes task ids unique across engine runs (a page that outlives a restart must never take a
   * new task for one it already put away). Default: the start time and a few random bytes.
   */
  runId?: string;
}

export function createTaskRunner<R extends Registry>(options: RunnerOptions<R>): TaskRunner<R> {
  const { registry, clock } = options;
  const runId = options.runId ?? `${clock.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const config = (name: LaneName): LaneConfig => ({ ...DEFAULT_LANES[name], ...options.lanes?.[name] });
  const listeners = new Set<(info: TaskInfo) => void>();
  const infos = new Map<string, TaskInfo>();
  const jobLane = new Map<string, { lane: Lane; jobId: number }>();

  const onJob = (event: JobEvent) => {
    if (!registry[event.task]!.tracked) return;
    const id = `task-${runId}-${event.id}`;
    const now = clock.now();
    const info: TaskInfo = {
      id,
      task: event.task,
      lane: event.lane,
      state: event.state,
      progress: event.progress,
      error: event.error,
      queuedAt: infos.get(id)?.queuedAt ?? now,
      updatedAt: now,
    };
    infos.set(id, info);
    if (info.state === 'queued') jobLane.set(id, { lane: lanes[event.lane], jobId: event.id });
    if (info.state !== 'queued' && info.state !== 'running') {
      jobLane.delete(id);
      const finished = [...infos.values()].filter((i) => i.state !== 'queued' && i.state !== 'running');
      for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) infos.delete(old.id);
    }
    for (const l of [...listeners]) {
      try {
        l(info);
      } catch {
        // A failing observer must not disturb the work or the other observers.
      }
    }
  };

  const lanes = Object.fromEntries(
    LANES.map((name) => [
      name,
      new Lane({
        name,
        executor: options.executors[name],
        clock,
        maxQueue: config(name).maxQueue,
        cancelGraceMs: options.cancelGraceMs ?? CANCEL_GRACE_MS,
        abandonable: name !== 'write',
        drainOnClose: name === 'write',
        ...(name === 'write' ? { failsQueued: isLockedError } : {}),
        onJob,
      }),
    ]),
  ) as Record<LaneName, Lane>;

  return {
    run(task, input, run = {}) {
      const def = registry[task];
      if (!def) return Promise.reject(new EngineError('internal', `There is no task "${task}".`));
      const laneName = def.kind === 'read' && run.lane ? run.lane : laneOf(def);
      const timeoutMs = run.timeoutMs ?? def.timeoutMs ?? config(laneName).timeoutMs;
      return lanes[laneName].run(
        {
          task,
          input,
          ...(def.kind === 'read' ? { key: `${task}\u0000${stableJson(input)}` } : {}),
          priority: def.kind === 'write' && def.priority === 'bulk' ? 'bulk' : 'interactive',
          timeoutMs,
        },
        {
          ...(run.signal ? { signal: run.signal } : {}),
          ...(run.onProgress ? { onProgress: run.onProgress } : {}),
        },
      ) as Promise<never>;
    },
    // In the order they were queued (a Map keeps first-insertion order).
    tracked: () => [...infos.values()],
    cancel(id) {
      const where = jobLane.get(id);
      return where ? where.lane.cancel(where.jobId) : false;
    },
    onTask(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () =>
      Object.fromEntries(LANES.map((n) => [n, lanes[n].stats()])) as ReturnType<TaskRunner['stats']>,
    async close() {
      // Reads first: they hold read snapshots the writer's last checkpoint would wait for.
      await Promise.all([lanes.interactive.close(), lanes.batch.close()]);
      await lanes.write.close();
    },
  };
}

/** JSON with object keys sorted, so equal inputs make equal keys whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : typeof v === 'bigint'
        ? `${v}n`
        : v,
  );
}
