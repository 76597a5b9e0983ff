import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feesFor } from '../brokers/sim/fees';
import { tickSize } from '../brokers/sim/matching';
import { newYorkTime } from '../domain/calendar';
import { isEarlyClose, newYorkDate, sessionOn } from '../domain/sessions';
import { openDb, type Db } from '../store/db';
import { demoDataDir } from '../testing/fixtures';
import { DEMO_SIZES } from './generate';

interface FillRow {
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: bigint;
  price: bigint;
  notional: bigint;
  fee: bigint;
  filled_at: number;
  bid_at_fill: bigint | null;
  ask_at_fill: bigint | null;
  asset_class: 'us_equity' | 'us_option';
}

const CENT = 10_000n;
const upToCent = (m: bigint) => ((m + CENT - 1n) / CENT) * CENT;
const SHARE = 1_000_000_000n;

/** Real closes on 2024-05-01, rounded (NVDA split-adjusted): what the first day must show. */
const FIRST_DAY_CLOSES: Record<string, number> = {
  SPY: 501,
  QQQ: 420,
  IWM: 197,
  DIA: 377,
  TLT: 87,
  GLD: 213,
  VNQ: 81,
  BND: 71,
  XLK: 200,
  XLF: 41,
  XLE: 94,
  XLV: 143,
  XLI: 121,
  XLY: 174,
  XLP: 76,
  XLU: 68,
  AAPL: 169,
  MSFT: 394,
  NVDA: 83,
  AMZN: 179,
  META: 439,
  GOOGL: 164,
  TSLA: 180,
  AMD: 158,
  JPM: 192,
  BAC: 37,
  XOM: 118,
  CVX: 161,
  JNJ: 147,
  PG: 163,
  KO: 62,
  PEP: 175,
};

describe('demo book fills (through the simulated broker)', () => {
  let fixture: ReturnType<typeof demoDataDir>;
  let db: Db;
  let fills: FillRow[];
  beforeAll(() => {
    fixture = demoDataDir();
    db = openDb(fixture.dir);
    fills = db
      .prepare(
        `SELECT f.id, f.symbol, f.side, f.qty, f.price, f.notional, f.fee, f.filled_at, f.bid_at_fill, f.ask_at_fill, o.asset_class
         FROM fills f JOIN orders o ON o.id = f.order_id ORDER BY f.id`,
      )
      .safeIntegers(true)
      .all()
      .map((r) => {
        const row = r as FillRow & { filled_at: bigint };
        return { ...row, filled_at: Number(row.filled_at) };
      });
  });
  afterAll(() => {
    db.close();
    fixture.cleanup();
  });

  it('fills every order at its touch, or whole ticks beyond it where the book was walked', () => {
    expect(fills.length).toBeGreaterThanOrEqual(DEMO_SIZES.default.minFills);
    for (const f of fills) {
      expect(f.bid_at_fill !== null && f.ask_at_fill !== null, f.id).toBe(true);
      const touch = f.side === 'buy' ? f.ask_at_fill! : f.bid_at_fill!;
      const beyond = f.side === 'buy' ? f.price - touch : touch - f.price;
      if (beyond < 0n || beyond % tickSize(touch) !== 0n)
        throw new Error(`${f.id}: ${f.side} at ${f.price}, quote ${f.bid_at_fill}/${f.ask_at_fill}`);
      expect(f.bid_at_fill! < f.ask_at_fill!, f.id).toBe(true);
    }
  });

  it('trades only in regular hours, and never after 13:00 on an early-close day', () => {
    const halfDays = new Set<string>();
    for (const f of fills) {
      const session = sessionOn(newYorkDate(f.filled_at));
      if (!session || f.filled_at < session.open || f.filled_at >= session.close)
        throw new Error(
          `${f.id} filled outside the regular session at ${new Date(f.filled_at).toISOString()}`,
        );
      if (session.earlyClose) halfDays.add(session.date);
    }
    // The book spans six early closes (July 3, the day after Thanksgiving, Christmas Eve), and trades on each.
    expect([...halfDays].sort()).toEqual([
      '2024-07-03',
      '2024-11-29',
      '2024-12-24',
      '2025-07-03',
      '2025-11-28',
      '2025-12-24',
    ]);
    for (const d of halfDays) {
      expect(isEarlyClose(d)).toBe(true);
      const runs = db
        .prepare('SELECT MAX(finished_at) AS last FROM workflow_runs WHERE id = ?')
        .get(`run-${d.replaceAll('-', '')}`) as { last: number };
      expect(runs.last).toBeLessThan(newYorkTime(d, 13 * 60));
    }
    const lateDecisions = db
      .prepare('SELECT decided_at FROM hedge_decisions')
      .all()
      .filter((r) => {
        const at = (r as { decided_at: number }).decided_at;
        const s = sessionOn(newYorkDate(at))!;
        return at >= s.close || at < s.open;
      });
    expect(lateDecisions).toEqual([]);
  });

  it('charges every fill the fees the simulated broker charges, into cash', () => {
    let optionFills = 0;
    let sales = 0;
    for (const f of fills) {
      const expected = feesFor({
        assetClass: f.asset_class,
        side: f.side,
        qty: f.qty,
        notional: f.notional,
        at: f.filled_at,
      }).total;
      if (f.fee !== expected) throw new Error(`${f.id}: fee ${f.fee}, expected ${expected}`);
      if (f.asset_class === 'us_option') {
        optionFills++;
        // By hand: $0.65 commission and $0.02 ORF per contract, each billed up to the cent, plus
        // on a sale FINRA's $0.00279 per contract and the SEC fee on the proceeds.
        const n = f.qty / SHARE;
        const base = upToCent(650_000n * n) + upToCent(20_000n * n);
        if (f.side === 'buy') expect(f.fee).toBe(base);
        else expect(f.fee).toBeGreaterThanOrEqual(base + upToCent(2_790n * n));
      } else if (f.side === 'sell') {
        sales++;
        // FINRA TAF: $0.000166 a share, billed up to the cent: every sale pays at least a cent.
        expect(f.fee).toBeGreaterThanOrEqual(upToCent(166n * ((f.qty + SHARE - 1n) / SHARE)));
      } else expect(f.fee).toBe(0n);
    }
    expect(optionFills).toBeGreaterThan(0);
    expect(sales).toBeGreaterThan(0);
    // Cash is the deposits less what the fills cost, fees included, plus expired puts' value.
    const flows = db
      .prepare(
        `SELECT (SELECT SUM(deposits) - SUM(withdrawals) FROM equity_snapshots) AS net,
                (SELECT cash FROM equity_snapshots ORDER BY date LIMIT 1) AS opening,
                (SELECT cash FROM equity_snapshots ORDER BY date DESC LIMIT 1) AS closing,
                (SELECT COALESCE(SUM(exit_price * contracts * 100), 0) FROM option_hedges WHERE status = 'expired') AS settled`,
      )
      .safeIntegers(true)
      .get() as { net: bigint; opening: bigint; closing: bigint; settled: bigint };
    const traded = fills.reduce((a, f) => a + (f.side === 'sell' ? f.notional : -f.notional) - f.fee, 0n);
    expect(flows.opening + flows.net + traded + flows.settled).toBe(flows.closing);
  });

  it('opens its first day at the real closes of 2024-05-01', () => {
    const rows = db
      .prepare(`SELECT symbol, close FROM bars WHERE timeframe = '1Day' AND ts = ?`)
      .all(newYorkTime('2024-05-01', 0)) as { symbol: string; close: number }[];
    expect(rows.map((r) => r.symbol).sort()).toEqual(Object.keys(FIRST_DAY_CLOSES).sort());
    for (const r of rows) {
      const real = FIRST_DAY_CLOSES[r.symbol]!;
      expect(Math.abs(r.close / 1e6 / real - 1), r.symbol).toBeLessThan(0.005);
    }
  });

  it('keeps every fill inside its one-minute bar and its daily bar', () => {
    const minutes = new Map<string, { low: bigint; high: bigint }>();
    for (const b of db
      .prepare(`SELECT symbol, ts, low, high FROM bars WHERE timeframe = '1Min'`)
      .safeIntegers(true)
      .all() as { symbol: string; ts: bigint; low: bigint; high: bigint }[])
      minutes.set(`${b.symbol}|${b.ts}`, b);
    let inMinuteBars = 0;
    for (const f of fills) {
      const b = minutes.get(`${f.symbol}|${f.filled_at - (f.filled_at % 60_000)}`);
      if (!b) continue;
      inMinuteBars++;
      if (f.price < b.low || f.price > b.high) throw new Error(`${f.id} outside its minute's range`);
    }
    expect(inMinuteBars).toBeGreaterThan(100);
    const byDay = new Map<string, { low: bigint; high: bigint }>();
    for (const b of db
      .prepare(`SELECT symbol, ts, low, high FROM bars WHERE timeframe = '1Day'`)
      .safeIntegers(true)
      .all() as { symbol: string; ts: bigint; low: bigint; high: bigint }[])
      byDay.set(`${b.symbol}|${newYorkDate(Number(b.ts))}`, b);
    for (const f of fills) {
      if (f.asset_class !== 'us_equity') continue;
      const b = byDay.get(`${f.symbol}|${newYorkDate(f.filled_at)}`)!;
      if (f.price < b.low || f.price > b.high) throw new Error(`${f.id} outside its day's range`);
    }
  });

  it('journals each order with one event per fill: partial fills, then the fill', () => {
    const bad = db
      .prepare(
        `SELECT o.id FROM orders o
         JOIN (SELECT order_id, COUNT(*) AS n FROM fills GROUP BY order_id) f ON f.order_id = o.id
         JOIN (SELECT order_id, SUM(kind = 'partial_fill') AS partial, SUM(kind = 'fill') AS fill,
                      SUM(kind = 'submitted') AS submitted FROM order_events GROUP BY order_id) e ON e.order_id = o.id
         WHERE e.partial <> f.n - 1 OR e.fill <> 1 OR e.submitted <> 1`,
      )
      .all();
    expect(bad).toEqual([]);
  });
});
