import { afterEach, describe, expect, it } from 'vitest';
import { insertAccount, T0, tableNames, tempDb } from '../testing/db';

describe('migration 001 core', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  it('creates accounts, settings and sync_state', () => {
    env = tempDb(1);
    expect(tableNames(env.db)).toEqual(['accounts', 'schema_migrations', 'settings', 'sync_state']);
  });

  it('allows at most one active account', () => {
    env = tempDb(1);
    insertAccount(env.db, 'a', 1);
    insertAccount(env.db, 'b', 0);
    expect(() => insertAccount(env.db, 'c', 1)).toThrow(/UNIQUE/);
  });

  it('rejects an unknown broker or mode', () => {
    env = tempDb(1);
    const insert = env.db.prepare(
      'INSERT INTO accounts (id, name, broker, mode, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => insert.run('x', 'X', 'etrade', 'paper', T0)).toThrow(/CHECK/);
    expect(() => insert.run('x', 'X', 'alpaca', 'pretend', T0)).toThrow(/CHECK/);
  });

  it('stores settings as valid JSON only', () => {
    env = tempDb(1);
    const insert = env.db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)');
    insert.run('theme', '"dark"', T0);
    expect(() => insert.run('broken', '{not json', T0)).toThrow(/CHECK/);
  });
});
