import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Apply pending migrations (the engine's writer connection does; workers only read). */
  migrate?: boolean;
  /**
   * A better_sqlite3.node built for the running runtime. Electron has its own ABI: the desktop
   * shell passes an Electron build here, while Node (CLI, tests) uses the package's own binary.
   */
  nativeBinding?: string;
}

export const DB_FILE = 'keel.sqlite';

/** Opens the Keel database in `dataDir` with WAL, foreign keys and a busy timeout. */
export function openDb(dataDir: string, options: OpenOptions = {}): Db {
  const file = path.join(dataDir, DB_FILE);
  if (!options.readonly) fs.mkdirSync(dataDir, { recursive: true });
  const readonly = options.readonly ?? false;
  const db = new Database(file, {
    readonly,
    fileMustExist: readonly,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  configure(db, readonly);
  if (options.migrate ?? !readonly) migrate(db);
  return db;
}

export function configure(db: Db, readonly: boolean): void {
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
    // last transactions, and the journal (orders) uses its own FULL-synced writes where it matters.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}
