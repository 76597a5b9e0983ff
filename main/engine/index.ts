import fs from 'node:fs';
import { createStore, openDb, type Db } from '../store';
import { dataDirError } from './open-error';
import { WorkerPool } from '../workers/pool';
import { inlineRunner, type TaskRunner } from '../workers/tasks';
import { createDispatcher } from './dispatch';
import { EventBus } from './events';
import { createHandlers } from './handlers';
import type { Engine, EngineOptions } from './types';

export type { Engine, EngineOptions, ShellKind, DemoSize } from './types';

/**
 * Starts the engine on a data folder: opens and migrates SQLite, creates the demo book on a first
 * start with nothing configured, and wires the handler table. Both shells call only this.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const log = options.log ?? (() => {});
  let db: Db;
  try {
    fs.mkdirSync(options.dataDir, { recursive: true });
    db = openDb(options.dataDir, { nativeBinding: options.sqliteBinding });
  } catch (err) {
    throw dataDirError(options.dataDir, err);
  }
  const store = createStore(db);
  const runner: TaskRunner = options.workerScript
    ? new WorkerPool({
        script: options.workerScript,
        dataDir: options.dataDir,
        sqliteBinding: options.sqliteBinding,
      })
    : inlineRunner(store);

  try {
    if (store.accounts.list().length === 0) {
      const size = options.demoSize ?? 'default';
      log(`First start in ${options.dataDir}: generating the ${size} demo book (simulated broker)…`);
      const info = await runner.run('generateDemoBook', { size });
      if (info)
        log(
          `Demo book ready: ${info.fills.toLocaleString('en-US')} fills over ${info.days} sessions, as of ${info.asOf}.`,
        );
    }
  } catch (err) {
    await runner.close();
    db.close();
    throw err;
  }

  const bus = new EventBus();
  const dispatch = createDispatcher(
    createHandlers({
      store,
      runner,
      bus,
      shell: options.shell,
      version: options.version ?? '0.0.0',
      dataDir: options.dataDir,
    }),
    log,
  );
  let closing: Promise<void> | undefined;
  bus.emit('app.status', { state: 'ready', at: new Date().toISOString() });

  return {
    dataDir: options.dataDir,
    dispatch,
    onEvent: (listener) => bus.subscribe(listener),
    close() {
      closing ??= (async () => {
        bus.emit('app.status', { state: 'stopping', at: new Date().toISOString() });
        await runner.close();
        // Fold the WAL back into the main file so the folder is tidy to copy or back up.
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      })();
      return closing;
    },
  };
}
