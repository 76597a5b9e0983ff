import { afterEach, describe, expect, it } from 'vitest';
import { insertAccount, insertStrategy, T0, tableNames, tempDb } from '../testing/db';

const order = {
  id: 'o1',
  account_id: 'acct-1',
  client_order_id: 'c1',
  symbol: 'SPY',
  side: 'buy',
  type: 'market',
  qty: 10_000_000_000,
  notional: null,
  status: 'filled',
  strategy_id: 'strat-1',
  source: 'manual',
  submitted_at: T0,
  updated_at: T0,
};
const insertOrderSql = `INSERT INTO orders (id, account_id, client_order_id, symbol, side, type, qty, notional, status, strategy_id, source, submitted_at, updated_at)
  VALUES (@id, @account_id, @client_order_id, @symbol, @side, @type, @qty, @notional, @status, @strategy_id, @source, @submitted_at, @updated_at)`;
const insertFillSql = `INSERT INTO fills (id, order_id, account_id, execution_id, symbol, side, qty, price, notional, filled_at)
  VALUES (@id, 'o1', 'acct-1', @execution_id, 'SPY', 'buy', @qty, 694070000, 6940700000, ?)`;

describe('migration 003 book', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());
  const setup = () => {
    env = tempDb(3);
    insertAccount(env.db);
    insertStrategy(env.db);
    env.db.prepare(insertOrderSql).run(order);
    return env.db;
  };

  it('adds equity snapshots, positions, orders, fills and fill allocations', () => {
    env = tempDb(3);
    expect(tableNames(env.db)).toEqual(
      expect.arrayContaining(['equity_snapshots', 'positions', 'orders', 'fills', 'fill_allocations']),
    );
  });

  it('refuses a second order with the same client_order_id on an account', () => {
    const db = setup();
    expect(() => db.prepare(insertOrderSql).run({ ...order, id: 'o2' })).toThrow(/UNIQUE/);
  });

  it('requires exactly one of qty and notional', () => {
    const db = setup();
    expect(() =>
      db.prepare(insertOrderSql).run({ ...order, id: 'o3', client_order_id: 'c3', notional: 5 }),
    ).toThrow(/CHECK/);
  });

  it('drops a duplicate execution from the venue by its execution id', () => {
    const db = setup();
    db.prepare(insertFillSql).run({ id: 'f1', execution_id: 'x1', qty: 10_000_000_000 }, T0);
    expect(() =>
      db.prepare(insertFillSql).run({ id: 'f2', execution_id: 'x1', qty: 10_000_000_000 }, T0),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare(insertFillSql).run({ id: 'f3', execution_id: 'x3', qty: 0 }, T0)).toThrow(
      /CHECK/,
    );
  });

  it('sums integer money exactly and refuses to overflow silently', () => {
    const db = setup();
    const snap = db.prepare(
      'INSERT INTO equity_snapshots (account_id, date, equity, cash) VALUES (?, ?, ?, 0)',
    );
    for (let d = 1; d <= 9; d++) snap.run('acct-1', `2026-01-0${d}`, 100_000_010_000); // 100000.01 each
    expect(db.prepare('SELECT SUM(equity) AS s FROM equity_snapshots').get()).toEqual({ s: 900_000_090_000 });
    snap.run('acct-1', '2026-02-01', 9_223_372_036_854_775_807n);
    expect(() => db.prepare('SELECT SUM(equity) AS s FROM equity_snapshots').get()).toThrow(/overflow/);
  });

  it('keeps allocations tied to real fills and strategies', () => {
    const db = setup();
    db.prepare(insertFillSql).run({ id: 'f1', execution_id: 'x1', qty: 10_000_000_000 }, T0);
    const alloc = db.prepare(
      'INSERT INTO fill_allocations (fill_id, strategy_id, weight_ppm) VALUES (?, ?, ?)',
    );
    alloc.run('f1', 'strat-1', 1_000_000);
    expect(() => alloc.run('f1', 'nope', 1)).toThrow(/FOREIGN KEY/);
    expect(() => alloc.run('f9', 'strat-1', 1)).toThrow(/FOREIGN KEY/);
  });
});
