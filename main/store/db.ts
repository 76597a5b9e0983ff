import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../core/clock';
import { ensureDir } from '../platform/ensure-dir';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Apply pending migrations (the engine does once at start; workers never). */
  migrate?: boolean;
  /**
   * A better_sqlite3.node built for the running runtime. Electron has its own ABI: the desktop
   * shell passes an Electron build here, while Node (CLI, tests) uses the package's own binary.
   */
  nativeBinding?: string;
  /** Time stamps of applied migrations. */
  clock?: Clock;
  /** Fail instead of creating the folder and an empty database (read-only connections always do). */
  mustExist?: boolean;
}

export const DB_FILE = 'keel.sqlite';

/**
 * How long a read may wait for a lock. Readers in WAL mode are not blocked by writers; they can
 * only meet a lock while SQLite recovers a WAL after a crash or another program holds the file in
 * exclusive mode. Short, because the engine's main thread reads: past it the call answers 'busy'.
 */
export const READ_BUSY_TIMEOUT_MS = 25;

/** Opens the Keel database in `dataDir`: WAL, foreign keys, and the locking rules above. */
export function openDb(dataDir: string, options: OpenOptions = {}): Db {
  const file = path.join(dataDir, DB_FILE);
  const readonly = options.readonly ?? false;
  const mustExist = readonly || (options.mustExist ?? false);
  if (!mustExist) ensureDir(dataDir);
  const db = new Database(file, {
    readonly,
    fileMustExist: mustExist,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    configure(db, readonly);
    if (options.migrate ?? !readonly) migrate(db, undefined, options.clock ?? systemClock);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Connection settings. Writers never wait for a lock inside SQLite (busy_timeout 0): the write
 * runner (store/write.ts) retries off the event loop and gives up with a clear 'busy' answer.
 * Durability is FULL unless a write says otherwise (see docs/durability.md); fullfsync makes
 * that a real flush to the disk on macOS, where plain fsync stops at the drive's cache.
 */
export function configure(db: Db, readonly: boolean): void {
  if (!readonly) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    // Without WAL, readers and the writer block each other and every guarantee above changes.
    if (mode !== 'wal')
      throw new Error(
        `SQLite could not switch ${db.name} to WAL mode (it stayed in "${String(mode)}"). ` +
          'The folder may be on a network or virtual filesystem without shared memory; use a local folder with --data-dir.',
      );
    db.pragma('synchronous = FULL');
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
    // A large transaction (the demo book, a sync) must not leave a WAL of that size behind.
    db.pragma('journal_size_limit = 67108864');
    db.pragma('busy_timeout = 0');
  } else {
    db.pragma(`busy_timeout = ${READ_BUSY_TIMEOUT_MS}`);
  }
  db.pragma('foreign_keys = ON');
}

/** Throws SQLITE_NOTADB (or the like) if `dataDir` holds a file that is not a readable database. */
export function probeDb(dataDir: string, nativeBinding?: string): void {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return;
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
  } finally {
    db.close();
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds the lock we need. */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}
