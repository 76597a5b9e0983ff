import type { Progress } from './task';

/** What a worker thread is started with. */
export interface WorkerInit {
  dataDir: string;
  sqliteBinding?: string;
  /** How long a write keeps retrying while another program holds the database. */
  lockWaitMs: number;
  /**
   * One Int32 the engine sets to the id of the job to stop. Shared memory, so a task busy in a
   * synchronous loop sees it at its next checkpoint without its event loop having to turn.
   */
  cancelFlag: SharedArrayBuffer;
}

export type ToWorker =
  { type: 'run'; id: number; task: string; input: unknown } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | {
      type: 'result';
      id: number;
      ok: false;
      message: string;
      code: string | undefined;
      stack: string | undefined;
    };
