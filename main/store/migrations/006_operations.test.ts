import { afterEach, describe, expect, it } from 'vitest';
import { T0, tableNames, tempDb } from '../testing/db';

describe('migration 006 operations', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  it('adds webhook and risk events', () => {
    env = tempDb(6);
    expect(tableNames(env.db)).toEqual(expect.arrayContaining(['webhook_events', 'risk_events']));
  });

  it('dedupes webhook deliveries by their key', () => {
    env = tempDb(6);
    const insert = env.db.prepare(
      "INSERT INTO webhook_events (id, received_at, raw_body, dedupe_key, status) VALUES (?, ?, '{}', ?, 'received')",
    );
    insert.run('w1', T0, 'k1');
    expect(() => insert.run('w2', T0, 'k1')).toThrow(/UNIQUE/);
  });

  it('stores risk verdicts with their rules as JSON', () => {
    env = tempDb(6);
    const insert = env.db.prepare(
      "INSERT INTO risk_events (id, at, kind, verdict, rules_json, message) VALUES (?, ?, 'verdict', ?, ?, 'm')",
    );
    insert.run('r1', T0, 'reject', '[{"rule":"max_position","passed":false}]');
    expect(() => insert.run('r2', T0, 'maybe', '[]')).toThrow(/CHECK/);
    expect(() => insert.run('r3', T0, 'approve', 'nope')).toThrow(/CHECK/);
  });
});
