import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '../core/clock';
import { migrations, type Migration } from './migrations';

/**
 * Applies pending migrations in order, each in its own transaction, and records it in
 * schema_migrations. A database newer than this build is refused rather than guessed at.
 */
export function migrate(
  db: Database.Database,
  list: readonly Migration[] = migrations,
  clock: Clock = systemClock,
): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const current = schemaVersion(db);
  const latest = list.length === 0 ? 0 : list[list.length - 1]!.version;
  if (current > latest) {
    throw new Error(
      `The database is at schema version ${current}, newer than this Keel build (${latest}). ` +
        'Update Keel, or point --data-dir at another folder.',
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of list) {
    if (m.version <= current) continue;
    // Only settable outside a transaction; restored whatever happens.
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.up);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string }[];
          if (broken.length > 0)
            throw new Error(
              `Migration ${m.version} (${m.name}) would break ${broken.length} foreign key(s), first in ${broken[0]!.table}; nothing was changed.`,
            );
        }
        record.run(m.version, m.name, clock.now());
      })();
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as
    { v: number | null } | undefined;
  return row?.v ?? 0;
}
