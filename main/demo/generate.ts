import { newYorkTime, tradingDays } from '../domain/calendar';
import type { Db } from '../store/db';
import { DEMO_ACCOUNT_ID, simulateBook, type BookPlan } from './book';
import { simulateDailyBars, simulateMinuteBars, type DayBar } from './prices';
import { Rng } from './rng';
import { STRATEGIES, UNIVERSE } from './universe';
import { demoWriter } from './writer';

/** Fixed inputs, so every first start generates the same book, byte for byte. */
export const DEMO_SEED = 20_240_501;
export const DEMO_START = '2024-05-01';
export const DEMO_END = '2026-10-30';
const WARMUP_FROM = '2024-01-02';
const MINUTE_DAYS = 10;

export const DEMO_SIZES = {
  default: { minFills: 50_000, openingCash: 100_000, monthlyDeposit: 1_000, withdrawal: 7_500 },
  large: { minFills: 1_000_000, openingCash: 2_500_000, monthlyDeposit: 25_000, withdrawal: 150_000 },
} as const;
export type DemoSizeName = keyof typeof DEMO_SIZES;

export interface DemoBookInfo {
  seed: number;
  size: DemoSizeName;
  firstDate: string;
  asOf: string;
  fills: number;
  orders: number;
  days: number;
  dailyBars: number;
  minuteBars: number;
}

export const DEMO_SETTING_KEY = 'demo.book';

/**
 * Writes the deterministic demo book into an empty, migrated database in one transaction:
 * the simulated-broker demo account (active), five strategies, daily bars since the warm-up
 * and one-minute bars for the last sessions, and the simulated trading record.
 */
export function generateDemoBook(
  db: Db,
  size: DemoSizeName = 'default',
  seed = DEMO_SEED,
): DemoBookInfo | null {
  const spec = DEMO_SIZES[size];
  const allDays = tradingDays(WARMUP_FROM, DEMO_END);
  const firstBar = allDays.findIndex((d) => d >= DEMO_START);
  const rng = new Rng(seed);
  const bars = simulateDailyBars(UNIVERSE, allDays, rng.fork(1));
  const minuteRng = rng.fork(2);
  const minutes = new Map<
    string,
    { ts: number; open: number; high: number; low: number; close: number; volume: number }[]
  >();
  for (const [symbol, series] of bars) {
    const rows = [];
    for (let i = series.length - MINUTE_DAYS; i < series.length; i++) {
      const { minutes: m, day } = simulateMinuteBars(series[i]!, minuteRng);
      series[i] = day;
      rows.push(...m);
    }
    minutes.set(symbol, rows);
  }

  const plan: BookPlan = {
    seed,
    days: allDays.slice(firstBar),
    firstBar,
    bars,
    openingCash: spec.openingCash,
    monthlyDeposit: spec.monthlyDeposit,
    withdrawal: { onOrAfter: '2025-08-15', amount: spec.withdrawal },
    fillsPerOrder: 1,
  };
  // Sizing pass: count orders and their shares, then split orders into enough child fills.
  const dry = simulateBook(plan, null);
  plan.fillsPerOrder = fillsPerOrderFor(dry.orderShares, spec.minFills * 1.06);

  const write = demoWriter(db);
  const createdAt = Date.parse(`${DEMO_START}T13:30:00Z`);
  let dailyBars = 0;
  let minuteBars = 0;
  const totals = db
    .transaction(() => {
      // Two processes starting on one empty folder: the second finds accounts and leaves them be.
      if ((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n > 0) return null;
      // Rows reference each other both ways within a day (fills before their order's summary row,
      // orders before their run's final status): check foreign keys once, at commit.
      db.pragma('defer_foreign_keys = ON');
      write.account.run({
        id: DEMO_ACCOUNT_ID,
        name: 'Demo account (simulated broker)',
        created_at: createdAt,
      });
      for (const s of STRATEGIES) {
        write.strategy.run({
          id: s.id,
          name: s.name,
          display_name: s.displayName,
          kind: s.style,
          config_json: JSON.stringify({ sleeve: s.sleeve, symbols: s.symbols, holdings: s.holdings }),
          created_at: createdAt,
        });
      }
      for (const [symbol, series] of bars) {
        for (const b of series) {
          // A daily bar's time is the session date's midnight in New York, as Alpaca stamps them.
          write.bar.run(symbol, '1Day', newYorkTime(b.date, 0), ...ohlc(b), b.volume);
          dailyBars++;
        }
        for (const m of minutes.get(symbol)!) {
          write.bar.run(symbol, '1Min', m.ts, ...ohlc(m), m.volume);
          minuteBars++;
        }
      }
      return simulateBook(plan, write);
    })
    .immediate();
  if (totals === null) return null;
  if (totals.fills < spec.minFills) {
    throw new Error(
      `demo book has ${totals.fills} fills, fewer than the ${spec.minFills} promised for size ${size}`,
    );
  }
  const info: DemoBookInfo = {
    seed,
    size,
    firstDate: plan.days[0]!,
    asOf: plan.days[plan.days.length - 1]!,
    fills: totals.fills,
    orders: totals.orders,
    days: plan.days.length,
    dailyBars,
    minuteBars,
  };
  db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)').run(
    DEMO_SETTING_KEY,
    JSON.stringify(info),
    createdAt,
  );
  return info;
}

const micros = (x: number): bigint => BigInt(Math.round(x * 100)) * 10_000n;
function ohlc(b: Pick<DayBar, 'open' | 'high' | 'low' | 'close'>): [bigint, bigint, bigint, bigint] {
  return [micros(b.open), micros(b.high), micros(b.low), micros(b.close)];
}

/** Smallest mean split F with Σ min(shares, F) ≥ target (orders cannot split below one share). */
export function fillsPerOrderFor(orderShares: readonly number[], target: number): number {
  const capacity = (f: number) => orderShares.reduce((a, s) => a + Math.min(s, f), 0);
  if (capacity(Number.MAX_SAFE_INTEGER) < target) {
    throw new Error(
      `the demo book's orders hold only ${capacity(Number.MAX_SAFE_INTEGER)} shares; ${target} fills cannot be made`,
    );
  }
  let lo = 1;
  let hi = 1;
  while (capacity(hi) < target) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (capacity(mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
