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
});
