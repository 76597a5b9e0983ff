import type { Clock } from '../core/clock';
import { createStore, openDb } from '../store';
import { inlineExecutor } from '../workers/inline';
import type { Executor } from '../workers/lane';
import { WorkerPool } from '../workers/pool';
import { DEFAULT_LANES } from '../workers/runner';
import type { LaneName, Registry } from '../workers/task';

export interface ExecutorOptions {
  registry: Registry;
  dataDir: string;
  clock: Clock;
  lockWaitMs: number;
  workerScript?: string | undefined;
  workerEval?: boolean | undefined;
  sqliteBinding?: string | undefined;
}

/**
 * Where each lane's jobs run. With a worker script: threads — the interactive lane's started at
 * once, the batch lane's on first use, and exactly one writer thread holding the only read-write
 * connection. Without: inline on the calling thread (tests), with the same connections.
 */
export function createExecutors(o: ExecutorOptions): { lanes: Record<LaneName, Executor>; dispose(): void } {
  if (o.workerScript) {
    const pool = (size: number, lazy: boolean) =>
      new WorkerPool({
        script: o.workerScript!,
        evalScript: o.workerEval ?? false,
        dataDir: o.dataDir,
        lockWaitMs: o.lockWaitMs,
        size,
        clock: o.clock,
        lazy,
        ...(o.sqliteBinding ? { sqliteBinding: o.sqliteBinding } : {}),
      });
    return {
      lanes: {
        interactive: pool(DEFAULT_LANES.interactive.workers, false),
        batch: pool(DEFAULT_LANES.batch.workers, true),
        write: pool(1, false),
      },
      dispose() {},
    };
  }
  const reader = createStore(openDb(o.dataDir, { readonly: true, nativeBinding: o.sqliteBinding }));
  const writer = createStore(openDb(o.dataDir, { nativeBinding: o.sqliteBinding, migrate: false }));
  const inline = (store: typeof reader) =>
    inlineExecutor({ registry: o.registry, store, clock: o.clock, lockWaitMs: o.lockWaitMs });
  return {
    lanes: { interactive: inline(reader), batch: inline(reader), write: inline(writer) },
    dispose() {
      reader.db.close();
      writer.db.close();
    },
  };
}
