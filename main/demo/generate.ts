import { newYorkTime, tradingDays } from '../domain/calendar';
import type { Db } from '../store/db';
import { DEMO_ACCOUNT_ID, simulateBook, type BookPlan } from './book';
import { simulateDailyBars, simulateMinuteBars, type DayBar, type MinuteBar } from './prices';
import { Rng } from '../domain/rng';
import { STRATEGIES, UNIVERSE } from './universe';
import { centsToMicros } from './units';
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

/** How generation reports progress and hears that it should stop. */
export interface GenerateHooks {
  progress?(done: number, total: number, message: string): void;
  /** Throws to stop; the transaction is then rolled back and nothing is kept. */
  checkpoint?(): void;
}

/**
 * Writes the deterministic demo book into an empty, migrated database in one transaction:
 * the simulated-broker demo account (active), five strategies, daily bars since the warm-up
 * and one-minute bars for the last sessions, and the simulated trading record.
 */
export function generateDemoBook(
  db: Db,
  size: DemoSizeName = 'default',
  seed = DEMO_SEED,
  hooks: GenerateHooks = {},
): DemoBookInfo | null {
  const spec = DEMO_SIZES[size];
  // Two passes over the days (sizing, then writing): progress counts both.
  const step = (pass: 0 | 1, message: string) => (i: number, n: number) => {
    hooks.checkpoint?.();
    hooks.progress?.(pass * n + i, 2 * n, message);
  };
  const allDays = tradingDays(WARMUP_FROM, DEMO_END);
  const firstBar = allDays.findIndex((d) => d >= DEMO_START);
  const rng = new Rng(seed);
  const bars = simulateDailyBars(UNIVERSE, allDays, rng.fork(1));
  const minuteRng = rng.fork(2);
  const minuteBars = new Map<string, Map<string, MinuteBar[]>>();
  for (const [symbol, series] of bars) {
    const byDate = new Map<string, MinuteBar[]>();
    for (let i = series.length - MINUTE_DAYS; i < series.length; i++) {
      const { minutes: m, day } = simulateMinuteBars(series[i]!, minuteRng);
      series[i] = day;
      byDate.set(day.date, m);
    }
    minuteBars.set(symbol, byDate);
  }

  const plan: BookPlan = {
    seed,
    days: allDays.slice(firstBar),
    firstBar,
    bars,
    minuteBars,
    openingCash: spec.openingCash,
    monthlyDeposit: spec.monthlyDeposit,
    withdrawal: { onOrAfter: '2025-08-15', amount: spec.withdrawal },
    splitFactor: 1,
  };
  // Sizing pass: orders get the partial fills their size brings; a book that must hold more
  // fills than that (the large benchmark book) splits its orders proportionally finer.
  const dry = simulateBook(plan, null, step(0, 'Sizing the demo book'));
  plan.splitFactor = splitFactorFor(dry.orderSplits, spec.minFills * 1.05);

  const write = demoWriter(db);
  const createdAt = Date.parse(`${DEMO_START}T13:30:00Z`);
  let dailyBars = 0;
  let minuteCount = 0;
  // One transaction: the book and its description are kept together or not at all.
  const info = db
    .transaction((): DemoBookInfo | null => {
      // Two processes starting on one empty folder: the second finds accounts and leaves them be.
      if ((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n > 0) return null;
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
        for (const day of minuteBars.get(symbol)!.values()) {
          for (const m of day) {
            write.bar.run(symbol, '1Min', m.ts, ...ohlc(m), m.volume);
            minuteCount++;
          }
        }
      }
      const totals = simulateBook(plan, write, step(1, 'Writing the demo book'));
      if (totals.fills < spec.minFills) {
        throw new Error(
          `demo book has ${totals.fills} fills, fewer than the ${spec.minFills} promised for size ${size}`,
        );
      }
      const made: DemoBookInfo = {
        seed,
        size,
        firstDate: plan.days[0]!,
        asOf: plan.days[plan.days.length - 1]!,
        fills: totals.fills,
        orders: totals.orders,
        days: plan.days.length,
        dailyBars,
        minuteBars: minuteCount,
      };
      db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)').run(
        DEMO_SETTING_KEY,
        JSON.stringify(made),
        createdAt,
      );
      return made;
    })
    .immediate();
  if (info) hooks.progress?.(1, 1, 'Demo book ready');
  return info;
}

function ohlc(b: Pick<DayBar, 'open' | 'high' | 'low' | 'close'>): [bigint, bigint, bigint, bigint] {
  return [centsToMicros(b.open), centsToMicros(b.high), centsToMicros(b.low), centsToMicros(b.close)];
}

/**
 * Smallest factor f ≥ 1 with Σ min(shares, round(natural × f)) ≥ target: how much finer than
 * their natural partial fills orders must be split to make `target` fills (never below a share).
 */
export function splitFactorFor(
  orders: readonly { shares: number; natural: number }[],
  target: number,
): number {
  const fills = (f: number) =>
    orders.reduce((a, o) => a + Math.min(o.shares, Math.max(1, Math.round(o.natural * f))), 0);
  const most = orders.reduce((a, o) => a + o.shares, 0);
  if (most < target)
    throw new Error(`the demo book's orders hold only ${most} shares; ${target} fills cannot be made`);
  if (fills(1) >= target) return 1;
  let lo = 1;
  let hi = 2;
  while (fills(hi) < target) hi *= 2;
  for (let step = 0; step < 40; step++) {
    const mid = (lo + hi) / 2;
    if (fills(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}
