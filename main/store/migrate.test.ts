import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';
import { tempDb } from './testing/db';

describe('migration runner', () => {
  let env: ReturnType<typeof tempDb> | undefined;
  afterEach(() => {
    env?.cleanup();
    env = undefined;
  });

  it('numbers migrations 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('applies everything once and is idempotent', () => {
    env = tempDb();
    expect(schemaVersion(env!.db)).toBe(migrations.length);
    expect(migrate(env!.db)).toBe(migrations.length);
    expect(env!.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
      n: migrations.length,
    });
  });

  it('upgrades an older database step by step', () => {
    env = tempDb(2);
    expect(schemaVersion(env!.db)).toBe(2);
    expect(migrate(env!.db)).toBe(migrations.length);
  });

  it('refuses a database from a newer build and changes nothing', () => {
    env = tempDb();
    env!.db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 0)").run();
    expect(() => migrate(env!.db)).toThrow(/newer than this Keel build/);
  });

  it('rolls back a failing migration completely', () => {
    env = tempDb(1);
    const broken = [
      ...migrations.slice(0, 1),
      { version: 2, name: 'broken', up: 'CREATE TABLE t (x); SELECT * FROM nope;' },
    ];
    expect(() => migrate(env!.db, broken)).toThrow(/no such table/);
    expect(schemaVersion(env!.db)).toBe(1);
    expect(env!.db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 't'").get()).toEqual({
      n: 0,
    });
  });

  it('rebuilds a table with foreign keys off, then checks them before committing', () => {
    env = tempDb(1);
    const base = migrations.slice(0, 1);
    env!.db.exec(
      'CREATE TABLE parent (id TEXT PRIMARY KEY) STRICT; CREATE TABLE child (p TEXT REFERENCES parent(id) ON DELETE CASCADE) STRICT;',
    );
    env!.db.exec("INSERT INTO parent VALUES ('a'); INSERT INTO child VALUES ('a');");
    const rebuild = {
      version: 2,
      name: 'rebuild',
      foreignKeysOff: true,
      up: 'CREATE TABLE parent_new (id TEXT PRIMARY KEY, note TEXT) STRICT; INSERT INTO parent_new (id) SELECT id FROM parent; DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;',
    };
    migrate(env!.db, [...base, rebuild]);
    // The DROP did not cascade into the child rows, and enforcement is back on.
    expect(env!.db.prepare('SELECT p FROM child').pluck().all()).toEqual(['a']);
    expect(env!.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('rolls back a rebuild that would leave a dangling key, and turns enforcement back on', () => {
    env = tempDb(1);
    env!.db.exec(
      'CREATE TABLE parent (id TEXT PRIMARY KEY) STRICT; CREATE TABLE child (p TEXT REFERENCES parent(id)) STRICT;',
    );
    env!.db.exec("INSERT INTO parent VALUES ('a'); INSERT INTO child VALUES ('a');");
    const lossy = {
      version: 2,
      name: 'lossy',
      foreignKeysOff: true,
      up: 'CREATE TABLE parent_new (id TEXT PRIMARY KEY) STRICT; DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;',
    };
    expect(() => migrate(env!.db, [...migrations.slice(0, 1), lossy])).toThrow(
      'Migration 2 (lossy) would break 1 foreign key(s), first in child; nothing was changed.',
    );
    expect(schemaVersion(env!.db)).toBe(1);
    expect(env!.db.prepare('SELECT id FROM parent').pluck().all()).toEqual(['a']);
    expect(env!.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
