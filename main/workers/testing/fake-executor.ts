import type { EngineError } from '../../core/errors';
import type { Executor, Job } from '../lane';
import type { Progress } from '../task';

/** A job the test finishes by hand. */
export interface HeldJob {
  job: Job;
  progress(p: Progress): void;
  finish(value: unknown): void;
  fail(err: Error): void;
  cancelled: boolean;
  killed: EngineError | null;
}

/**
 * An executor whose jobs run until the test says so: it records what the lane asks of it
 * (execute, cancel, kill) and lets the test decide how each job ends.
 */
export class FakeExecutor implements Executor {
  readonly started: HeldJob[] = [];
  readonly cancels: number[] = [];
  closed = false;
  closeCount = 0;

  constructor(
    readonly capacity = 1,
    private readonly canKill = false,
  ) {}

  execute(job: Job, onProgress: (p: Progress) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.started.push({
        job,
        progress: onProgress,
        finish: resolve,
        fail: reject,
        cancelled: false,
        killed: null,
      });
    });
  }

  cancel(jobId: number): void {
    this.cancels.push(jobId);
    const held = this.held(jobId);
    if (held) held.cancelled = true;
  }

  kill(jobId: number, reason: EngineError): boolean {
    if (!this.canKill) return false;
    const held = this.held(jobId);
    if (!held) return false;
    held.killed = reason;
    held.fail(reason);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closeCount++;
  }

  /** The started job of a task (the first, or the n-th). */
  get(task: string, n = 0): HeldJob {
    const found = this.started.filter((h) => h.job.task === task)[n];
    if (!found)
      throw new Error(
        `no started job of ${task} #${n}; started: ${this.started.map((h) => h.job.task).join(', ')}`,
      );
    return found;
  }

  private held(jobId: number): HeldJob | undefined {
    return this.started.find((h) => h.job.id === jobId);
  }
}

/** Lets pending promise callbacks run. */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
