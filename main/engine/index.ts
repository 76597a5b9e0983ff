import os from 'node:os';
import { toTaskDto } from '../app/handlers';
import { beginFirstStart } from './first-start';
import { isoNow, systemClock } from '../core/clock';
import { ensureDir } from '../platform/ensure-dir';
import { createStore, openDb, probeDb, type Db } from '../store';
import { acquireInstanceLock, DataFolderInUseError, type InstanceLock } from '../store/instance-lock';
import { createTaskRunner } from '../workers/runner';
import { createDispatcher } from './dispatch';
import { EventBus } from './events';
import { createExecutors } from './executors';
import { createHandlers } from './handlers';
import { dataDirError } from './open-error';
import { registry } from './tasks';
import type { Engine, EngineOptions, TradingSetup } from './types';
import type { Emit } from '../core/handler';
import { quoteDto, tradingEvents } from '../trading/handlers';
import { TradingService } from '../trading/service';
import type { SimMarketMode } from '../contract/schemas';
import { readSettings } from '../settings/settings';

export type {
  Engine,
  EngineOptions,
  EventStream,
  ShellKind,
  DemoSize,
  TradingFactory,
  TradingSetup,
} from './types';

/** Default for how long a write retries while another program holds the database. */
export const WRITE_LOCK_WAIT_MS = 2_000;
/** How often the engine checks that keel.lock is still the file it holds. */
export const LOCK_CHECK_MS = 2_000;

/**
 * Starts the engine on a data folder: takes the folder (one engine per folder), opens and
 * migrates SQLite, starts the task lanes (threads, or inline without a worker script), begins
 * the demo book of a first start with nothing configured (in the background, with progress),
 * and wires the handler table. Both shells call only this.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const log = options.log ?? (() => {});
  const clock = options.clock ?? systemClock;
  const { dataDir } = options;
  const version = options.version ?? '0.0.0';

  let lock: InstanceLock;
  let reader: Db;
  const holder = {
    pid: process.pid,
    host: os.hostname(),
    shell: options.shell,
    version,
    startedAt: isoNow(clock),
  };
  try {
    ensureDir(dataDir);
    // A damaged database is explained before anything is created beside it.
    probeDb(dataDir, options.sqliteBinding);
    lock = acquireInstanceLock(dataDir, holder, options.sqliteBinding);
  } catch (err) {
    if (err instanceof DataFolderInUseError) throw err;
    throw dataDirError(dataDir, err);
  }
  try {
    // Migrations run once, here, before any other connection opens; then the engine only reads:
    // every write goes through the write lane's single connection.
    openDb(dataDir, { nativeBinding: options.sqliteBinding, clock }).close();
    reader = openDb(dataDir, { readonly: true, nativeBinding: options.sqliteBinding });
  } catch (err) {
    lock.release();
    throw dataDirError(dataDir, err);
  }
  const store = createStore(reader);
  const lockWaitMs = options.writeLockWaitMs ?? WRITE_LOCK_WAIT_MS;
  const executors = createExecutors({
    registry,
    dataDir,
    clock,
    lockWaitMs,
    workerScript: options.workerScript,
    workerEval: options.workerEval,
    sqliteBinding: options.sqliteBinding,
  });
  const runner = createTaskRunner({ registry, executors: executors.lanes, clock });
  const bus = new EventBus(log);
  runner.onTask((info) => bus.emit('task.progress', toTaskDto(info)));

  const firstStart = beginFirstStart({
    store,
    runner,
    size: options.demoSize ?? 'default',
    dataDir,
    log,
  });

  // A simulated market keeps the hours asked for on the command line, else those in Settings;
  // the Settings switch changes them while Keel runs.
  let marketMode: SimMarketMode | null = options.trading?.simMarket
    ? (options.trading.simMarket.override ?? readSettings(store, log).simMarket)
    : null;

  // Trading starts once the book exists: the simulated market continues from its last prices.
  let trading: TradingService | null = null;
  let tradingSetup: TradingSetup | null = null;
  let closing: Promise<void> | undefined;
  const tradingStarted = options.trading
    ? firstStart
        .ready(new AbortController().signal)
        .then(async () => {
          if (closing) return;
          tradingSetup = await options.trading!({
            clock,
            store,
            runner,
            log,
            marketMode: marketMode ?? 'sessions',
          });
          const emit: Emit = (event, payload) => bus.emit(event, payload);
          trading = new TradingService({
            brokers: new Map(tradingSetup.brokers.map((b) => [b.accountId, b])),
            runner,
            clock,
            events: tradingEvents(store, emit),
            log,
          });
          trading.start();
          const feed = tradingSetup.quotes;
          feed?.subscribe((q) => bus.emit('quote', quoteDto(q, feed.feed)));
        })
        .catch((err: unknown) =>
          log(`trading did not start: ${err instanceof Error ? err.message : String(err)}`),
        )
    : Promise.resolve();

  const dispatch = createDispatcher(
    createHandlers({
      store,
      runner,
      emit: (event, payload) => bus.emit(event, payload),
      clock,
      shell: options.shell,
      version,
      dataDir,
      firstStart,
      trading: () => trading,
      simMarket: () => marketMode,
      settingsChanged: (_next, patch) => {
        // Only a change of the hours themselves: saving another setting must not undo the
        // hours the command line asked for (an evening switch would close the market).
        if (marketMode === null || patch.simMarket === undefined || patch.simMarket === marketMode) return;
        marketMode = patch.simMarket;
        (tradingSetup as TradingSetup | null)?.setMarketMode?.(marketMode);
        log(
          `the simulated market now keeps ${marketMode === 'always' ? 'no hours (always open)' : 'NYSE hours'}`,
        );
      },
      // Trading channels wait for trading to start after a first start, rather than refusing.
      ready: async (signal) => {
        await firstStart.ready(signal);
        await tradingStarted;
      },
      log,
    }),
    log,
  );
  // Deleting keel.lock while Keel runs would let a second Keel in: take the folder again at once.
  const lockWatch = clock.setInterval(() => {
    if (lock.verify()) return;
    try {
      const fresh = acquireInstanceLock(dataDir, holder, options.sqliteBinding);
      lock.abandon();
      lock = fresh;
      log('keel.lock was deleted while Keel ran; it has been made again. Never delete it while Keel runs.');
    } catch (err) {
      log(
        `keel.lock was deleted while Keel ran, and the folder could not be taken again: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }, LOCK_CHECK_MS);
  bus.emit('app.status', { state: 'ready', at: isoNow(clock) });

  return {
    dataDir,
    dispatch,
    openEvents: (send) => bus.open(send),
    close() {
      closing ??= (async () => {
        bus.emit('app.status', { state: 'stopping', at: isoNow(clock) });
        lockWatch.clear();
        // An unfinished demo book is rolled back and made again next time, rather than waited for.
        firstStart.cancel();
        await tradingStarted;
        await (trading as TradingService | null)?.close();
        await (tradingSetup as TradingSetup | null)?.close();
        await runner.close();
        executors.dispose();
        reader.close();
        tidyWal(dataDir, options.sqliteBinding, log);
        lock.release();
      })();
      return closing;
    },
  };
}

/**
 * Folds the WAL back into the main file so the folder is tidy to copy or back up. Best effort:
 * if another program is reading the database it stays for the next start.
 */
function tidyWal(dataDir: string, nativeBinding: string | undefined, log: (line: string) => void): void {
  try {
    const db = openDb(dataDir, { nativeBinding, migrate: false, mustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch (err) {
    log(
      `could not fold the WAL back at close (${err instanceof Error ? err.message : String(err)}); the next start will`,
    );
  }
}
