import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notional } from '../domain/fixed';
import { contractMultiplier, type AssetClass } from '../domain/instruments';
import { openDb, type Db } from '../store/db';
import { demoDataDir } from '../testing/fixtures';
import { tempDb } from '../store/testing/db';
import { rebuildOrders } from '../orders/journal';
import { generateDemoBook } from './generate';

const TABLES = [
  'accounts',
  'strategies',
  'workflow_runs',
  'signals',
  'rebalance_plans',
  'rebalance_plan_items',
  'equity_snapshots',
  'positions',
  'orders',
  'fills',
  'fill_allocations',
  'order_events',
  'option_hedges',
  'hedge_decisions',
  'bars',
];

function digest(db: Db): string {
  const h = crypto.createHash('sha256');
  for (const t of TABLES) {
    for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).safeIntegers(true).raw().iterate()) {
      h.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    }
  }
  return h.digest('hex');
}
const PINNED_DIGEST = '94dfb607dee44b003d8e20043d6b0b25d10113a933a58ded84c00e994ff7f156';
const one = (db: Db, sql: string) => db.prepare(sql).safeIntegers(true).get() as Record<string, bigint>;

describe('demo book', () => {
  let fixture: ReturnType<typeof demoDataDir>;
  let db: Db;
  beforeAll(() => {
    fixture = demoDataDir();
    db = openDb(fixture.dir);
  });
  afterAll(() => {
    db.close();
    fixture.cleanup();
  });

  it('is byte-for-byte the book every machine generates', () => {
    // Pinned: the README promises the same demo book on every machine. Change this value only
    // with a deliberate change to the generator, in the same commit; if it fails otherwise, the
    // generator depends on something machine-specific (float maths, locale, time zone, order).
    expect(digest(db)).toBe(PINNED_DIGEST);
  });

  it('is the same, row for row, every time it is generated', () => {
    const again = tempDb();
    try {
      generateDemoBook(again.db, 'default');
      expect(digest(again.db)).toBe(digest(db));
    } finally {
      again.cleanup();
    }
    // A whole second generation: give it room on a loaded machine.
  }, 120_000);

  it('has the promised size: 2+ years of equity, 50k+ fills, 5 strategies, 30+ symbols, daily and 1-minute bars', () => {
    const n = one(
      db,
      `SELECT
      (SELECT COUNT(*) FROM equity_snapshots) AS days,
      (SELECT MIN(date) FROM equity_snapshots) AS first,
      (SELECT COUNT(*) FROM fills) AS fills,
      (SELECT COUNT(DISTINCT strategy_id) FROM fill_allocations) AS strategies,
      (SELECT COUNT(DISTINCT symbol) FROM bars) AS symbols,
      (SELECT COUNT(DISTINCT symbol) FROM fills WHERE symbol NOT GLOB '*[0-9]*') AS tradedSymbols,
      (SELECT COUNT(*) FROM bars WHERE timeframe = '1Day') AS daily,
      (SELECT COUNT(*) FROM bars WHERE timeframe = '1Min') AS minute,
      (SELECT COUNT(*) FROM signals) AS signals,
      (SELECT COUNT(*) FROM workflow_runs) AS runs,
      (SELECT COUNT(*) FROM rebalance_plans) AS plans,
      (SELECT COUNT(*) FROM option_hedges) AS hedges,
      (SELECT COUNT(*) FROM hedge_decisions) AS decisions`,
    );
    expect(Number(n.days)).toBeGreaterThanOrEqual(504);
    expect(Number(n.fills)).toBeGreaterThanOrEqual(50_000);
    expect(Number(n.strategies)).toBeGreaterThanOrEqual(5);
    expect(Number(n.symbols)).toBeGreaterThanOrEqual(30);
    expect(Number(n.tradedSymbols)).toBeGreaterThanOrEqual(30);
    expect(Number(n.minute)).toBeGreaterThan(0);
    expect(Number(n.daily)).toBeGreaterThan(Number(n.days) * 30);
    for (const k of ['signals', 'runs', 'plans', 'hedges', 'decisions'] as const)
      expect(Number(n[k]), k).toBeGreaterThan(0);
  });

  it('makes the simulated-broker demo account the active one', () => {
    expect(db.prepare('SELECT id, broker, mode, is_active FROM accounts').all()).toEqual([
      { id: 'demo', broker: 'simulated', mode: 'demo', is_active: 1 },
    ]);
  });

  it('keeps prices realistic: every stock between $1 and $5,000, highs above lows', () => {
    const r = one(db, 'SELECT MIN(low) AS lo, MAX(high) AS hi, SUM(high < low) AS bad FROM bars');
    expect(Number(r.lo)).toBeGreaterThanOrEqual(1_000_000);
    expect(Number(r.hi)).toBeLessThanOrEqual(5_000_000_000);
    expect(Number(r.bad)).toBe(0);
  });

  it('is internally consistent: fills add up to their orders, positions to the last equity', () => {
    const mismatched = one(
      db,
      `SELECT COUNT(*) AS n FROM orders o JOIN (SELECT order_id, SUM(qty) AS q FROM fills GROUP BY order_id) f ON f.order_id = o.id
       WHERE f.q <> o.filled_qty`,
    );
    expect(Number(mismatched.n)).toBe(0);
    // Net shares bought minus sold per symbol equal the open position.
    const drift = db
      .prepare(
        `SELECT f.symbol, SUM(CASE f.side WHEN 'buy' THEN f.qty ELSE -f.qty END) AS net, COALESCE(p.qty, 0) AS held
         FROM fills f LEFT JOIN positions p ON p.symbol = f.symbol GROUP BY f.symbol HAVING net <> held`,
      )
      .safeIntegers(true)
      .all();
    expect(drift).toEqual([]);
    const last = one(db, 'SELECT equity, cash FROM equity_snapshots ORDER BY date DESC LIMIT 1');
    const positions = db
      .prepare('SELECT asset_class, qty, current_price FROM positions')
      .safeIntegers(true)
      .all() as {
      asset_class: AssetClass;
      qty: bigint;
      current_price: bigint;
    }[];
    const value = positions.reduce(
      (a, p) => a + notional(p.qty, p.current_price) * contractMultiplier(p.asset_class),
      0n,
    );
    expect(last.cash! + value).toBe(last.equity);
    // No margin: cash never goes below zero at a day's end.
    expect(one(db, 'SELECT MIN(cash) AS m FROM equity_snapshots').m! >= 0n).toBe(true);
  });

  it('journals every order: each row is the projection of its events, fills included', () => {
    expect(rebuildOrders(db)).toEqual([]);
    const mismatched = one(
      db,
      `SELECT COUNT(*) AS n FROM fills f
       LEFT JOIN order_events e ON e.fill_id = f.id AND e.execution_id = f.execution_id AND e.order_id = f.order_id
       WHERE e.seq IS NULL`,
    );
    expect(mismatched.n).toBe(0n);
    const kinds = db
      .prepare('SELECT kind, COUNT(*) AS n FROM order_events GROUP BY kind ORDER BY kind')
      .all();
    // The default book's orders are smaller than the displayed sizes: each fills at once.
    expect(kinds.map((k) => (k as { kind: string }).kind)).toEqual(['fill', 'submitted']);
  });
});
