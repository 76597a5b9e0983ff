import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bar, Quote } from '../../brokers/types';
import { aggregate, bucketStart, joinBars, LiveBars, simBars, type StoredBars } from './bars';

const M = 60_000;
/** 9:30 New York on Monday 2026-11-02 (EST, UTC−5). */
const OPEN = Date.UTC(2026, 10, 2, 14, 30);
const usd = (d: number): bigint => BigInt(Math.round(d * 1e6));
const bar = (ts: number, o: number, h: number, l: number, c: number, v = 100): Bar => ({
  ts,
  open: usd(o),
  high: usd(h),
  low: usd(l),
  close: usd(c),
  volume: v,
});
const quote = (at: number, bid: number, ask: number, size = 100): Quote => ({
  symbol: 'SPY',
  bid: usd(bid),
  ask: usd(ask),
  bidSize: size,
  askSize: size * 3,
  last: null,
  at,
});

describe('bar buckets', () => {
  it('aligns intraday bars to the clock and daily bars to the New York midnight, across DST', () => {
    expect(bucketStart(OPEN + 7 * M + 5_000, '5Min')).toBe(OPEN + 5 * M);
    expect(bucketStart(OPEN + 14 * M, '15Min')).toBe(OPEN);
    expect(bucketStart(OPEN + 31 * M, '1Hour')).toBe(OPEN + 30 * M); // 10:00
    expect(bucketStart(OPEN + 3 * 3_600_000, '1Day')).toBe(Date.UTC(2026, 10, 2, 5)); // EST midnight
    // In summer New York is UTC−4; 23:30 New York is already the next day in UTC.
    expect(bucketStart(Date.UTC(2026, 6, 7, 3, 30), '1Day')).toBe(Date.UTC(2026, 6, 6, 4));
  });

  it('folds one-minute bars: first open, highest high, lowest low, last close, summed volume', () => {
    const minutes = [
      bar(OPEN, 10, 11, 9.5, 10.5, 100),
      bar(OPEN + M, 10.5, 12, 10, 11, 200),
      bar(OPEN + 4 * M, 11, 11.2, 8, 9, 50),
      bar(OPEN + 5 * M, 9, 9.1, 8.9, 9.05, 10),
    ];
    expect(aggregate(minutes, '5Min')).toEqual([
      bar(OPEN, 10, 12, 8, 9, 350),
      bar(OPEN + 5 * M, 9, 9.1, 8.9, 9.05, 10),
    ]);
  });

  it('gives the same bars folded at once or by steps, and keeps every share of volume', () => {
    const minuteBars = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 1_000 })), {
        minLength: 1,
        maxLength: 200,
      })
      .map((xs) =>
        xs.map(([cents, volume], i) => {
          const p = cents / 100;
          return bar(OPEN + i * M, p, p + 0.05, p - 0.01, p + 0.01, volume);
        }),
      );
    fc.assert(
      fc.property(minuteBars, (bars) => {
        const direct = aggregate(bars, '15Min');
        expect(aggregate(aggregate(bars, '5Min'), '15Min')).toEqual(direct);
        const total = (bs: Bar[]) => bs.reduce((a, b) => a + b.volume, 0);
        expect(total(direct)).toBe(total(bars));
        expect(direct.reduce((a, b) => (b.high > a ? b.high : a), 0n)).toBe(
          bars.reduce((a, b) => (b.high > a ? b.high : a), 0n),
        );
      }),
    );
  });
});

describe('live bars of the simulated market', () => {
  it('makes one-minute bars of the mid prices of its quotes', () => {
    const live = new LiveBars();
    live.add(quote(OPEN + 1_000, 500.0, 500.02)); // mid 500.01
    live.add(quote(OPEN + 20_000, 500.1, 500.12)); // 500.11
    live.add(quote(OPEN + 40_000, 499.9, 499.92)); // 499.91
    live.add(quote(OPEN + 61_000, 500.2, 500.22)); // next minute
    expect(live.range('SPY', '1Min', OPEN, OPEN + 2 * M)).toEqual([
      bar(OPEN, 500.01, 500.11, 499.91, 499.91, 600),
      bar(OPEN + M, 500.21, 500.21, 500.21, 500.21, 200),
    ]);
    // A late quote never rewrites a closed minute.
    live.add(quote(OPEN + 30_000, 1, 1.02));
    expect(live.range('SPY', '1Min', OPEN, OPEN + M)[0]!.low).toBe(usd(499.91));
    expect(live.range('QQQ', '1Min', OPEN, OPEN + M)).toEqual([]);
  });

  it('keeps only its window of minutes', () => {
    const live = new LiveBars(10);
    for (let i = 0; i < 30; i++) live.add(quote(OPEN + i * M, 500, 500.02));
    const kept = live.range('SPY', '1Min', OPEN - M, OPEN + 40 * M);
    expect(kept.map((b) => (b.ts - OPEN) / M)).toEqual([19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  });

  it('keeps three days of minutes by default', () => {
    const live = new LiveBars();
    const days3 = 3 * 24 * 60;
    for (const m of [0, 1, days3, days3 + 1]) live.add(quote(OPEN + m * M, 500, 500.02));
    const kept = live.range('SPY', '1Min', OPEN - M, OPEN + (days3 + 2) * M);
    expect(kept.map((b) => (b.ts - OPEN) / M)).toEqual([1, days3, days3 + 1]);
  });

  it('answers whole bars of the timeframe from the one holding `from`, and none at or after `to`', () => {
    const live = new LiveBars();
    for (let m = 0; m < 12; m++) live.add(quote(OPEN + m * M + 1_000, 500 + m, 500.02 + m));
    const bars = live.range('SPY', '5Min', OPEN + 7 * M, OPEN + 10 * M);
    expect(bars.map((b) => [(b.ts - OPEN) / M, b.open, b.close])).toEqual([[5, usd(505.01), usd(509.01)]]);
    expect(live.range('SPY', '1Min', OPEN + 3 * M, OPEN + 4 * M).map((b) => (b.ts - OPEN) / M)).toEqual([3]);
  });

  it('answers copies: a caller changing a bar changes nothing inside', () => {
    const live = new LiveBars();
    live.add(quote(OPEN, 10, 10.02));
    live.range('SPY', '1Min', OPEN, OPEN + M)[0]!.close = 0n;
    expect(live.range('SPY', '1Min', OPEN, OPEN + M)[0]!.close).toBe(usd(10.01));
  });
});

describe('the simulated broker’s bars', () => {
  it('answers the live bars alone when the cache has none', () => {
    expect(joinBars([], [bar(5, 1, 1, 1, 1)])).toEqual([bar(5, 1, 1, 1, 1)]);
  });

  it('joins the cached history with the running market, never a bar twice', () => {
    expect(
      joinBars([bar(1, 1, 1, 1, 1), bar(2, 2, 2, 2, 2)], [bar(2, 9, 9, 9, 9), bar(3, 3, 3, 3, 3)]),
    ).toEqual([bar(1, 1, 1, 1, 1), bar(2, 2, 2, 2, 2), bar(3, 3, 3, 3, 3)]);
  });

  it('folds stored one-minute bars into 5-minute bars, then the live ones after them', () => {
    const asked: unknown[] = [];
    const stored: StoredBars = (symbol, timeframe, from, to) => {
      asked.push([symbol, timeframe, from, to]);
      return timeframe === '1Min'
        ? [bar(OPEN, 10, 10.5, 9.9, 10.2, 5), bar(OPEN + M, 10.2, 10.6, 10.1, 10.4, 7)]
        : [];
    };
    const live = new LiveBars();
    live.add(quote(OPEN + 5 * M, 10.39, 10.41));
    const bars = simBars(stored, live)('SPY', '5Min', OPEN + 2 * M, OPEN + 10 * M);
    expect(asked).toEqual([['SPY', '1Min', OPEN, OPEN + 10 * M]]);
    expect(bars).toEqual([
      bar(OPEN, 10, 10.6, 9.9, 10.4, 12),
      bar(OPEN + 5 * M, 10.4, 10.4, 10.4, 10.4, 200),
    ]);
  });

  it('reads daily bars from the cache as they are', () => {
    const day = bar(Date.UTC(2026, 10, 2, 5), 500, 505, 498, 503, 1_000_000);
    const stored: StoredBars = (_s, timeframe) => (timeframe === '1Day' ? [day] : []);
    expect(simBars(stored, new LiveBars())('SPY', '1Day', OPEN, OPEN + 86_400_000)).toEqual([day]);
  });
});
