import { afterEach, describe, expect, it } from 'vitest';
import { insertStrategy, T0, tableNames, tempDb } from '../testing/db';

describe('migration 002 strategies', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  it('adds strategies, signals, workflow runs and rebalance plans', () => {
    env = tempDb(2);
    expect(tableNames(env.db)).toEqual(
      expect.arrayContaining([
        'strategies',
        'signals',
        'workflow_runs',
        'rebalance_plans',
        'rebalance_plan_items',
      ]),
    );
  });

  it('ties signals to an existing strategy and a known action', () => {
    env = tempDb(2);
    insertStrategy(env.db, 's1');
    const insert = env.db.prepare(
      'INSERT INTO signals (id, strategy_id, symbol, action, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    insert.run('sig-1', 's1', 'SPY', 'BUY', T0);
    expect(() => insert.run('sig-2', 'missing', 'SPY', 'BUY', T0)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('sig-3', 's1', 'SPY', 'MAYBE', T0)).toThrow(/CHECK/);
  });

  it('deletes plan items with their plan', () => {
    env = tempDb(2);
    const db = env.db;
    db.prepare("INSERT INTO workflow_runs (id, status, started_at) VALUES ('run-1', 'COMPLETED', ?)").run(T0);
    db.prepare(
      `INSERT INTO rebalance_plans (id, run_id, created_at, total_portfolio_value, total_trade_value, buy_count, sell_count, hold_count)
       VALUES ('plan-1', 'run-1', ?, 100, 10, 1, 0, 0)`,
    ).run(T0);
    db.prepare(
      `INSERT INTO rebalance_plan_items (plan_id, symbol, current_weight_ppm, target_weight_ppm, current_value, target_value, trade_amount, action)
       VALUES ('plan-1', 'SPY', 0, 100000, 0, 10, 10, 'BUY')`,
    ).run();
    db.prepare("DELETE FROM rebalance_plans WHERE id = 'plan-1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM rebalance_plan_items').get()).toEqual({ n: 0 });
  });
});
