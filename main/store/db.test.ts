import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { configure } from './db';
import { tempDb } from './testing/db';

describe('a read-write connection', () => {
  it('is in WAL mode, FULL-synced, and never waits inside SQLite for a lock', () => {
    const env = tempDb();
    try {
      expect(env.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(env.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(env.db.pragma('busy_timeout', { simple: true })).toBe(0);
      expect(env.db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      env.cleanup();
    }
  });

  it('is refused, saying why, where SQLite cannot use WAL', () => {
    // An in-memory database stays in "memory" mode, as a filesystem without shared memory would
    // leave a file in a rollback journal.
    const db = new Database(':memory:');
    try {
      expect(() => configure(db, false)).toThrow(/could not switch .* to WAL mode \(it stayed in "memory"\)/);
    } finally {
      db.close();
    }
  });
});
