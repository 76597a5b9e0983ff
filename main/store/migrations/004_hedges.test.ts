import { afterEach, describe, expect, it } from 'vitest';
import { insertAccount, T0, tableNames, tempDb } from '../testing/db';

describe('migration 004 hedges', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  it('adds option hedges and hedge decisions', () => {
    env = tempDb(4);
    expect(tableNames(env.db)).toEqual(expect.arrayContaining(['option_hedges', 'hedge_decisions']));
  });

  it('accepts a put hedge and rejects unknown option types and states', () => {
    env = tempDb(4);
    insertAccount(env.db);
    const insert = env.db.prepare(
      `INSERT INTO option_hedges (id, account_id, option_symbol, underlying_symbol, option_type, strike_price, expiration_date,
         contracts, entry_price, entry_date, total_premium_paid, status) VALUES (?, 'acct-1', 'SPY260116P00550000', 'SPY', ?, 550000000,
         '2026-01-16', 2, 3450000, '2025-12-01', 690000000, ?)`,
    );
    insert.run('h1', 'put', 'active');
    expect(() => insert.run('h2', 'straddle', 'active')).toThrow(/CHECK/);
    expect(() => insert.run('h3', 'put', 'forgotten')).toThrow(/CHECK/);
    env.db
      .prepare(
        "INSERT INTO hedge_decisions (id, account_id, hedge_id, decided_at, action, details_json) VALUES ('d1', 'acct-1', 'h1', ?, 'hedge_opened', '{}')",
      )
      .run(T0);
    expect(env.db.prepare('SELECT action FROM hedge_decisions').get()).toEqual({ action: 'hedge_opened' });
  });
});
