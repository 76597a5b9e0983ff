import { newYorkTime, tradingDays } from '../domain/calendar';
import type { Db } from '../store/db';
import { DEMO_ACCOUNT_ID, simulateBook, type BookPlan } from './book';
import { scaleToLevels, simulateDailyBars, simulateMinuteBars, type MinuteBar } from './prices';
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

/**
 * `slices`: child orders each strategy trade is worked in. Fills then come from the fill model
 * (an order larger than the displayed size fills in pieces); the slice counts are set so each
 * size makes the fills it promises (checked as it is written).
 */
export const DEMO_SIZES = {
  default: { minFills: 50_000, openingCash: 100_000, monthlyDeposit: 1_000, withdrawal: 7_500, slices: 3 },
  large: {
    minFills: 1_000_000,
    openingCash: 320_000_000,
    monthlyDeposit: 3_200_000,
    withdrawal: 24_000_000,
    slices: 1,
  },
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
  const step = (i: number, n: number) => {
    hooks.checkpoint?.();
    hooks.progress?.(i, n, 'Writing the demo book');
  };
  const allDays = tradingDays(WARMUP_FROM, DEMO_END);
  const firstBar = allDays.findIndex((d) => d >= DEMO_START);
  const rng = new Rng(seed);
  const bars = simulateDailyBars(UNIVERSE, allDays, rng.fork(1));
  // The book's first day closes at the real prices of that day.
  scaleToLevels(bars, UNIVERSE, firstBar);
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
    slices: spec.slices,
  };

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
      const { totals, ranges } = simulateBook(plan, write, step);
      // Bars after the trades: each bar is widened to hold the book's own fills in it.
      for (const [symbol, series] of bars) {
        for (const b of series) {
          // A daily bar's time is the session date's midnight in New York, as Alpaca stamps them.
          write.bar.run(
            symbol,
            '1Day',
            newYorkTime(b.date, 0),
            ...ranges.bar(symbol, b.date, ohlc(b)),
            b.volume,
          );
          dailyBars++;
        }
        for (const day of minuteBars.get(symbol)!.values()) {
          for (const m of day) {
            write.bar.run(symbol, '1Min', m.ts, ...ranges.bar(symbol, m.ts, ohlc(m)), m.volume);
            minuteCount++;
          }
        }
      }
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

function ohlc(b: { open: number; high: number; low: number; close: number }) {
  return {
    open: centsToMicros(b.open),
    high: centsToMicros(b.high),
    low: centsToMicros(b.low),
    close: centsToMicros(b.close),
  };
}
