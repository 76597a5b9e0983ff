import { Worker } from 'node:worker_threads';
import type { Clock, Timer } from '../core/clock';
import { EngineError, reviveError } from '../core/errors';
import type { Executor, Job } from './lane';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';
import type { Progress } from './task';

export interface PoolOptions {
  /** Built worker entry (out/main/worker.js), or JavaScript source when `evalScript` is set. */
  script: string;
  evalScript?: boolean;
  dataDir: string;
  sqliteBinding?: string;
  lockWaitMs: number;
  size: number;
  clock: Clock;
  /** Start the threads on first use instead of at once. */
  lazy?: boolean;
}

interface Running {
  job: Job;
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress(progress: Progress): void;
  /** Set when the engine terminated the thread on purpose; the job fails with this. */
  killedWith: EngineError | null;
}

interface Slot {
  worker: Worker | null;
  flag: Int32Array;
  buffer: SharedArrayBuffer;
  running: Running | null;
  /** Respawn pending after the thread died. */
  restart: Timer | null;
}

interface Waiting {
  job: Job;
  onProgress(progress: Progress): void;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** Deaths in a row (no job answered in between) after which the pool stops respawning. */
export const MAX_CONSECUTIVE_DEATHS = 5;
export const respawnDelayMs = (deaths: number): number => Math.min(5_000, 100 * 2 ** (deaths - 1));

/**
 * Worker threads running a lane's jobs, one job per thread at a time. A thread that dies fails
 * its job with the reason (never re-runs it: it may have run partly) and is replaced after a
 * growing delay; if threads keep dying without answering anything (a broken build, say) the pool
 * gives up and every job answers 'unavailable' with the reason, rather than respawning in a tight
 * loop. A job that ignores a stop request can be killed: its thread is terminated and replaced.
 */
export class WorkerPool implements Executor {
  private readonly slots: Slot[] = [];
  private readonly waiting: Waiting[] = [];
  private consecutiveDeaths = 0;
  private broken: EngineError | null = null;
  private closed = false;
  /** Threads started so far (diagnostics and tests). */
  spawned = 0;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) {
      const buffer = new SharedArrayBuffer(4);
      const slot: Slot = { worker: null, flag: new Int32Array(buffer), buffer, running: null, restart: null };
      this.slots.push(slot);
      if (!options.lazy) this.spawn(slot);
    }
  }

  get capacity(): number {
    return this.slots.length;
  }

  execute(job: Job, onProgress: (progress: Progress) => void): Promise<unknown> {
    if (this.closed) return Promise.reject(new EngineError('unavailable', 'The worker pool is closed.'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, onProgress, resolve, reject });
      this.assign();
    });
  }

  cancel(jobId: number): void {
    const slot = this.slotOf(jobId);
    if (!slot?.worker) return;
    Atomics.store(slot.flag, 0, jobId);
    slot.worker.postMessage({ type: 'cancel', id: jobId } satisfies ToWorker);
  }

  kill(jobId: number, reason: EngineError): boolean {
    const slot = this.slotOf(jobId);
    if (!slot?.worker || !slot.running) return false;
    slot.running.killedWith = reason;
    void slot.worker.terminate();
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    const gone = new EngineError('unavailable', 'The worker pool closed before the task finished.');
    for (const w of this.waiting.splice(0)) w.reject(gone);
    const exits: Promise<unknown>[] = [];
    for (const slot of this.slots) {
      slot.restart?.clear();
      slot.running?.reject(gone);
      slot.running = null;
      if (slot.worker) exits.push(slot.worker.terminate());
      slot.worker = null;
    }
    await Promise.all(exits);
  }

  private slotOf(jobId: number): Slot | undefined {
    return this.slots.find((s) => s.running?.job.id === jobId);
  }

  private spawn(slot: Slot): void {
    const init: WorkerInit = {
      dataDir: this.options.dataDir,
      lockWaitMs: this.options.lockWaitMs,
      cancelFlag: slot.buffer,
      ...(this.options.sqliteBinding ? { sqliteBinding: this.options.sqliteBinding } : {}),
    };
    Atomics.store(slot.flag, 0, 0);
    const worker = new Worker(this.options.script, {
      workerData: init,
      eval: this.options.evalScript ?? false,
      // Not the parent's flags: an --inspect port, say, would clash.
      execArgv: [],
    });
    this.spawned++;
    slot.worker = worker;
    worker.on('message', (msg: FromWorker) => {
      const running = slot.running;
      // A thread being killed may still deliver what it sent before: its job ends with the kill.
      if (running?.job.id !== msg.id || running.killedWith) return;
      if (msg.type === 'progress') return running.onProgress(msg.progress);
      // Any answer, success or failure, shows the thread works: the death count starts again.
      this.consecutiveDeaths = 0;
      slot.running = null;
      if (msg.ok) running.resolve(msg.result);
      else running.reject(reviveError(msg.message, msg.code, msg.stack));
      this.assign();
    });
    worker.on('error', (err) => this.onThreadEnd(slot, worker, err));
    worker.on('exit', (code) =>
      this.onThreadEnd(slot, worker, new Error(`worker thread exited with code ${code}`)),
    );
  }

  private onThreadEnd(slot: Slot, worker: Worker, reason: Error): void {
    // 'error' is followed by 'exit', and close() lets go of its threads first: one end per thread.
    if (slot.worker !== worker) return;
    slot.worker = null;
    const running = slot.running;
    slot.running = null;
    if (running?.killedWith) {
      // Terminated on purpose (a job that would not stop): not a fault of the thread.
      running.reject(running.killedWith);
      this.spawn(slot);
      this.assign();
      return;
    }
    running?.reject(
      new EngineError('unavailable', `Keel's background worker stopped during the task: ${reason.message}`),
    );
    this.consecutiveDeaths++;
    if (this.consecutiveDeaths >= MAX_CONSECUTIVE_DEATHS) return this.giveUp(reason);
    slot.restart = this.options.clock.setTimeout(() => {
      slot.restart = null;
      // Another thread may have made the pool give up meanwhile (close() clears this timer).
      if (this.broken) return;
      this.spawn(slot);
      this.assign();
    }, respawnDelayMs(this.consecutiveDeaths));
  }

  private giveUp(reason: Error): void {
    this.broken = new EngineError(
      'unavailable',
      `Keel's background worker keeps failing to start (${reason.message}). ` +
        'Reinstall Keel, or in a source checkout run `npm run build`, then restart.',
    );
    for (const w of this.waiting.splice(0)) w.reject(this.broken);
  }

  private assign(): void {
    for (const slot of this.slots) {
      while (this.waiting.length > 0 && !slot.running && !slot.restart) {
        if (!slot.worker) this.spawn(slot);
        const next = this.waiting.shift()!;
        try {
          slot.worker!.postMessage({
            type: 'run',
            id: next.job.id,
            task: next.job.task,
            input: next.job.input,
          } satisfies ToWorker);
        } catch (err) {
          next.reject(new Error(`The task's input could not be sent to a worker: ${(err as Error).message}`));
          continue;
        }
        slot.running = { ...next, killedWith: null };
      }
    }
  }
}
