import { Worker } from 'node:worker_threads';
import { EngineError } from '../engine/errors';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';
import type { TaskName, TaskRunner } from './tasks';

export interface PoolOptions {
  /** Built worker entry (out/main/worker.js), or JavaScript source when `evalScript` is set. */
  script: string;
  evalScript?: boolean;
  dataDir: string;
  sqliteBinding?: string;
  size?: number;
  execArgv?: string[];
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number | null;
  dead: boolean;
}

/** Deaths in a row (no task answered in between) after which the pool stops respawning. */
const MAX_CONSECUTIVE_DEATHS = 5;
const respawnDelayMs = (deaths: number) => Math.min(5_000, 100 * 2 ** (deaths - 1));

/**
 * A small pool of worker threads running the tasks in ./tasks. One task per worker at a time,
 * FIFO queue. A worker that dies fails its task with the reason (never re-runs it) and is
 * replaced after a growing delay; if workers keep dying without answering anything (a broken
 * build, say), the pool gives up and every call answers 'unavailable' with the reason, rather
 * than respawning threads in a tight loop.
 */
export class WorkerPool implements TaskRunner {
  private readonly slots: (Slot | null)[] = [];
  private consecutiveDeaths = 0;
  private broken: EngineError | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Threads started so far (diagnostics and tests). */
  spawned = 0;
  private readonly queue: TaskMessage[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    const size = Math.max(1, options.size ?? 1);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run<T extends TaskName>(task: T, input: unknown): Promise<never> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.queue.push({ id, task, input });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values())
      p.reject(new Error('the worker pool closed before the task finished'));
    this.pending.clear();
    this.queue.length = 0;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }

  private spawn(): Slot {
    const init: WorkerInit = { dataDir: this.options.dataDir, sqliteBinding: this.options.sqliteBinding };
    const worker = new Worker(this.options.script, {
      workerData: init,
      eval: this.options.evalScript ?? false,
      execArgv: this.options.execArgv ?? [],
    });
    this.spawned++;
    const slot: Slot = { worker, busy: null, dead: false };
    worker.on('message', (msg: ResultMessage) => {
      this.consecutiveDeaths = 0;
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      slot.busy = null;
      if (p) {
        if (msg.ok) p.resolve(msg.result);
        else p.reject(Object.assign(new Error(msg.message), { stack: msg.stack ?? msg.message }));
      }
      this.pump();
    });
    const fail = (reason: Error) => {
      // 'error' is followed by 'exit': handle a dying worker once.
      if (this.closed || slot.dead) return;
      slot.dead = true;
      if (slot.busy !== null) {
        // Not retried: the task may have run partly, and running it twice could repeat its effects.
        this.pending
          .get(slot.busy)
          ?.reject(
            new EngineError(
              'unavailable',
              `Keel's background worker stopped during the task: ${reason.message}`,
            ),
          );
        this.pending.delete(slot.busy);
      }
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots[index] = null;
      this.consecutiveDeaths++;
      if (this.consecutiveDeaths >= MAX_CONSECUTIVE_DEATHS) return this.giveUp(reason);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.closed || this.broken) return;
        this.slots[index] = this.spawn();
        this.pump();
      }, respawnDelayMs(this.consecutiveDeaths));
      this.timers.add(timer);
    };
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`worker thread exited with code ${code}`)));
    return slot;
  }

  private giveUp(reason: Error): void {
    this.broken = new EngineError(
      'unavailable',
      `Keel's background worker keeps failing to start (${reason.message}). ` +
        'Reinstall Keel, or in a source checkout run `npm run build`, then restart.',
    );
    for (const p of this.pending.values()) p.reject(this.broken);
    this.pending.clear();
    this.queue.length = 0;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot === null || slot.busy !== null) continue;
      const msg = this.queue.shift()!;
      slot.busy = msg.id;
      slot.worker.postMessage(msg);
    }
  }
}
