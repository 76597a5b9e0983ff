import type { Clock, Timer } from '../core/clock';
import { EngineError } from '../core/errors';
import type { LaneName, Progress } from './task';

/** A job as an executor sees it. */
export interface Job {
  id: number;
  task: string;
  input: unknown;
}

/** Where a lane's jobs actually run: worker threads, or the calling thread in tests. */
export interface Executor {
  /** Jobs it runs at once. */
  readonly capacity: number;
  /** Runs the job; settles with its outcome once its slot is free again. */
  execute(job: Job, onProgress: (progress: Progress) => void): Promise<unknown>;
  /** Asks a running job to stop: its checkpoint() throws from now on. */
  cancel(jobId: number): void;
  /** Stops a running job at once if this executor can (a thread is terminated); false if it cannot. */
  kill(jobId: number, reason: EngineError): boolean;
  close(): Promise<void>;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A job's life as the runner reports it. */
export interface JobEvent {
  id: number;
  task: string;
  lane: LaneName;
  state: JobState;
  progress: Progress | null;
  error: string | null;
}

export interface JobSpec {
  task: string;
  input: unknown;
  /** Jobs with the same key in flight at once run once; their callers share the outcome. */
  key?: string;
  priority: 'interactive' | 'bulk';
  timeoutMs: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface LaneOptions {
  name: LaneName;
  executor: Executor;
  clock: Clock;
  /** Jobs waiting to start; past it a call is answered 'busy' at once. */
  maxQueue: number;
  /** After a running job is asked to stop: how long before it is killed or abandoned. */
  cancelGraceMs: number;
  /**
   * Reads may be abandoned: once asked to stop they answer their callers at once even if the
   * executor cannot kill them (their late result is dropped). Writes never: a caller must learn
   * whether the change was committed, so a write answers only when it has really ended.
   */
  abandonable: boolean;
  /** At close: let queued and running jobs finish (writes), or stop them (reads). */
  drainOnClose: boolean;
  /**
   * A failure that every queued job would meet too (the database locked by another program):
   * they are answered with it at once instead of each waiting out the same lock in turn.
   */
  failsQueued?: (error: Error) => boolean;
  onJob?: (event: JobEvent) => void;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: (progress: Progress) => void;
  detach(): void;
  /** Its caller went away from a running write: it still gets the real outcome, nobody listens. */
  left?: boolean;
}

interface LaneJob extends Job {
  spec: JobSpec;
  waiters: Set<Waiter>;
  state: 'queued' | 'running' | 'settled';
  stopReason: EngineError | null;
  timers: Timer[];
  progress: Progress | null;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

let nextJobId = 1;

/**
 * One lane of work: a bounded queue in front of an executor. It answers 'busy' when the queue is
 * full, runs interactive jobs before bulk ones, shares one run among identical queries, enforces
 * time limits, and cancels a job whose every caller went away.
 */
export class Lane {
  private readonly queues: Record<JobSpec['priority'], LaneJob[]> = { interactive: [], bulk: [] };
  /** Jobs in flight by their sharing key (jobs without a key are never in it). */
  private readonly byKey = new Map<string | undefined, LaneJob>();
  private readonly live = new Set<LaneJob>();
  private running = 0;
  private closed = false;
  private idle: (() => void) | null = null;

  constructor(private readonly options: LaneOptions) {}

  stats(): { queued: number; running: number } {
    return { queued: this.queuedCount(), running: this.running };
  }

  run(spec: JobSpec, call: CallOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(shuttingDown());
    if (call.signal?.aborted) return Promise.reject(callerLeft());
    let job = this.byKey.get(spec.key);
    if (!job) {
      if (this.queuedCount() >= this.options.maxQueue) return Promise.reject(this.busy());
      job = {
        id: nextJobId++,
        task: spec.task,
        input: spec.input,
        spec,
        waiters: new Set(),
        state: 'queued',
        stopReason: null,
        timers: [],
        progress: null,
      };
      if (spec.key !== undefined) this.byKey.set(spec.key, job);
      this.live.add(job);
      this.queues[spec.priority].push(job);
      this.report(job, 'queued', null);
    }
    const target = job;
    const promise = new Promise<unknown>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, onProgress: call.onProgress, detach: () => {} };
      target.waiters.add(waiter);
      const signal = call.signal;
      if (signal) {
        const onAbort = () => this.leave(target, waiter);
        signal.addEventListener('abort', onAbort);
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
    });
    this.pump();
    return promise;
  }

  /** Asks a job to stop as if its callers had gone away; false if it is not in this lane. */
  cancel(jobId: number, reason: EngineError = cancelledByUser()): boolean {
    const job = [...this.live].find((j) => j.id === jobId);
    if (!job) return false;
    if (job.state === 'queued') {
      this.dequeue(job);
      this.settle(job, { ok: false, error: reason });
    } else this.stop(job, reason);
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.options.drainOnClose) {
      for (const job of [...this.live]) {
        if (job.state === 'queued') {
          this.dequeue(job);
          this.settle(job, { ok: false, error: shuttingDown() });
        } else this.stop(job, shuttingDown());
      }
    }
    if (this.running > 0 || this.queuedCount() > 0)
      await new Promise<void>((resolve) => (this.idle = resolve));
    await this.options.executor.close();
  }

  private queuedCount(): number {
    return this.queues.interactive.length + this.queues.bulk.length;
  }

  private busy(): EngineError {
    const what =
      this.options.name === 'write' ? 'changes' : this.options.name === 'batch' ? 'long tasks' : 'queries';
    return new EngineError(
      'busy',
      `Keel is busy: ${this.options.maxQueue} ${what} are already waiting. Nothing was started; try again in a moment.`,
    );
  }

  private leave(job: LaneJob, waiter: Waiter): void {
    if (!job.waiters.has(waiter) || waiter.left) return;
    waiter.detach();
    if (job.state === 'running' && !this.options.abandonable) {
      // A write that has started ends one way only: committed or rolled back. Its answer waits
      // for that (so whatever the handler does after a commit, such as pushing an event, still
      // happens), even though this caller will not read it.
      waiter.left = true;
      waiter.onProgress = undefined;
    } else {
      job.waiters.delete(waiter);
      waiter.reject(callerLeft());
    }
    if ([...job.waiters].some((w) => !w.left)) return;
    if (job.state === 'queued') {
      this.dequeue(job);
      this.settle(job, { ok: false, error: callerLeft() });
    } else if (job.state === 'running') this.stop(job, callerLeft());
  }

  /**
   * Asks a running job to stop. A read that has not stopped after the grace period is killed or
   * abandoned; a write never is: killing the writer could land just after its COMMIT and report
   * a change that was made as not made. A write stops at its next checkpoint (one runs right
   * before COMMIT), or ends on its own.
   */
  private stop(job: LaneJob, reason: EngineError): void {
    if (job.state !== 'running' || job.stopReason) return;
    job.stopReason = reason;
    // Later callers of the same query start a fresh run instead of inheriting this one's end.
    if (this.byKey.get(job.spec.key) === job) this.byKey.delete(job.spec.key);
    const { executor, clock, cancelGraceMs, abandonable } = this.options;
    executor.cancel(job.id);
    if (!abandonable) return;
    // Cleared when the job ends, so it only fires on a job still running.
    job.timers.push(
      clock.setTimeout(() => {
        if (executor.kill(job.id, reason)) return;
        this.settle(job, { ok: false, error: reason });
      }, cancelGraceMs),
    );
  }

  private pump(): void {
    const { executor, clock } = this.options;
    while (this.running < executor.capacity) {
      const job = this.queues.interactive.shift() ?? this.queues.bulk.shift();
      if (!job) break;
      job.state = 'running';
      this.running++;
      this.report(job, 'running', null);
      if (Number.isFinite(job.spec.timeoutMs)) {
        job.timers.push(clock.setTimeout(() => this.stop(job, timedOut(job.spec)), job.spec.timeoutMs));
      }
      executor
        .execute(job, (progress) => {
          if (job.state !== 'running') return;
          job.progress = progress;
          for (const w of job.waiters) w.onProgress?.(progress);
          this.report(job, 'running', null);
        })
        .then(
          (value) => this.settle(job, { ok: true, value }),
          (error: unknown) => {
            const err = asError(error);
            this.settle(job, { ok: false, error: err });
            if (this.options.failsQueued?.(err)) {
              for (const queued of [...this.queues.interactive, ...this.queues.bulk]) {
                this.dequeue(queued);
                this.settle(queued, { ok: false, error: err });
              }
            }
          },
        )
        .finally(() => {
          this.running--;
          for (const t of job.timers) t.clear();
          this.live.delete(job);
          this.pump();
          if (this.running === 0 && this.queuedCount() === 0) this.idle?.();
        });
    }
  }

  /** Gives every caller the job's outcome, once. A job that was asked to stop and then failed reports why it was stopped. */
  private settle(job: LaneJob, outcome: Outcome): void {
    if (job.state === 'settled') return;
    // A queued job never reaches pump()'s finally, which forgets the running ones.
    if (job.state === 'queued') this.live.delete(job);
    job.state = 'settled';
    this.byKey.delete(job.spec.key);
    const final: Outcome = !outcome.ok && job.stopReason ? { ok: false, error: job.stopReason } : outcome;
    for (const w of job.waiters) {
      w.detach();
      if (final.ok) w.resolve(final.value);
      else w.reject(final.error);
    }
    job.waiters.clear();
    if (final.ok) this.report(job, 'done', null);
    else {
      const code = final.error instanceof EngineError ? final.error.code : null;
      this.report(job, code === 'cancelled' ? 'cancelled' : 'failed', final.error.message);
    }
  }

  private dequeue(job: LaneJob): void {
    const queue = this.queues[job.spec.priority];
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  }

  private report(job: LaneJob, state: JobState, error: string | null): void {
    this.options.onJob?.({
      id: job.id,
      task: job.task,
      lane: this.options.name,
      state,
      progress: job.progress,
      error,
    });
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
const callerLeft = () => new EngineError('cancelled', 'The request was cancelled: its caller went away.');
const cancelledByUser = () => new EngineError('cancelled', 'The task was cancelled.');
const shuttingDown = () =>
  new EngineError('unavailable', 'Keel is shutting down; the task was not run to the end.');
function timedOut(spec: JobSpec): EngineError {
  const seconds = spec.timeoutMs / 1000;
  return new EngineError(
    'timeout',
    `${spec.task} took longer than its limit of ${seconds} s and was stopped. If the data is large, try a narrower request.`,
  );
}
