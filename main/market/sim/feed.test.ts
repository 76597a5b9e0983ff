import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/testing/manual-clock';
import { newYorkTime } from '../../domain/calendar';
import type { Quote } from '../../brokers/types';
import { SimMarket, type MarketMode, type SimSymbol } from './feed';
import { uShape } from './microstructure';

const usd = (d: number) => BigInt(Math.round(d * 1e6));
const SYMBOLS: SimSymbol[] = [
  { symbol: 'SPY', price: usd(590.12), vol: 0, beta: 1 },
  { symbol: 'AAPL', price: usd(231.4), vol: 0.22, beta: 1.1 },
  { symbol: 'BND', price: usd(72.3), vol: 0.05, beta: -0.05 },
];

function market(at: number, mode: MarketMode = 'sessions', seed = 7) {
  const clock = new ManualClock(at);
  const m = new SimMarket({ clock, seed, symbols: SYMBOLS, mode });
  const quotes: Quote[] = [];
  m.subscribe((q) => quotes.push(q));
  return { clock, m, quotes };
}

const MONDAY_10AM = newYorkTime('2026-11-23', 10 * 60);

describe('simulated market', () => {
  it('quotes every symbol at once, near its starting price, one cent wide on liquid names', () => {
    const { m, quotes } = market(MONDAY_10AM);
    m.start();
    expect(quotes.map((q) => q.symbol)).toEqual(['SPY', 'AAPL', 'BND']);
    const spy = m.latest('SPY')!;
    expect(spy.ask - spy.bid).toBe(usd(0.01));
    expect(spy.bid <= usd(590.12) && spy.ask >= usd(590.12)).toBe(true);
    expect(m.latest('AAPL')!.ask - m.latest('AAPL')!.bid).toBe(usd(0.01));
    expect(m.latest('BND')!.ask - m.latest('BND')!.bid).toBe(usd(0.02));
    m.stop();
  });

  it('updates several times a second while the market is open, with bid always below ask', () => {
    const { clock, m, quotes } = market(MONDAY_10AM);
    m.start();
    clock.advance(60_000);
    m.stop();
    expect(quotes.length).toBeGreaterThan(3 * 60);
    for (const q of quotes) {
      expect(q.bid < q.ask).toBe(true);
      expect(q.bidSize % 100).toBe(0);
      expect(q.bidSize).toBeGreaterThan(0);
    }
    // Prices moved, but by a plausible amount for one minute.
    const last = m.latest('AAPL')!;
    expect(last.bid).not.toBe(quotes[1]!.bid);
    expect(Number(last.bid) / 231.4e6).toBeGreaterThan(0.98);
    expect(Number(last.bid) / 231.4e6).toBeLessThan(1.02);
  });

  it('is the same market for the same seed and clock, and another for another seed', () => {
    const run = (seed: number) => {
      const { clock, m, quotes } = market(MONDAY_10AM, 'sessions', seed);
      m.start();
      clock.advance(10_000);
      m.stop();
      return quotes.map((q) => `${q.symbol}:${q.bid}:${q.ask}:${q.bidSize}:${q.askSize}`);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
  });

  it('is quiet overnight and on holidays in sessions mode, and open then in always mode', () => {
    const night = newYorkTime('2026-11-23', 22 * 60);
    const shut = market(night);
    shut.m.start();
    const first = shut.quotes.length;
    shut.clock.advance(60_000);
    expect(shut.quotes.length).toBe(first); // only the opening snapshot
    expect(shut.m.latest('SPY')!.bid).toBe(shut.quotes[0]!.bid);
    expect(shut.m.phase().phase).toBe('closed');

    const thanksgiving = market(newYorkTime('2026-11-26', 11 * 60));
    expect(thanksgiving.m.phase().phase).toBe('closed');

    const always = market(night, 'always');
    always.m.start();
    always.clock.advance(60_000);
    expect(always.quotes.length).toBeGreaterThan(100);
    expect(always.m.phase().phase).toBe('regular');
  });

  it('shows wider spreads and thinner books before the open', () => {
    const pre = market(newYorkTime('2026-11-23', 8 * 60));
    pre.m.start();
    const spy = pre.m.latest('SPY')!;
    expect(spy.ask - spy.bid).toBe(usd(0.05));
    expect(pre.m.phase().phase).toBe('pre');
  });

  it('moves VIX against the market', () => {
    const { clock, m } = market(MONDAY_10AM, 'sessions', 3);
    m.start();
    const pairs: [number, number][] = [];
    for (let i = 0; i < 400; i++) {
      const spy = Number(m.latest('SPY')!.bid);
      const vix = m.vix();
      clock.advance(250);
      pairs.push([Number(m.latest('SPY')!.bid) - spy, m.vix() - vix]);
    }
    const together = pairs.filter(([a, b]) => a * b > 0).length;
    const against = pairs.filter(([a, b]) => a * b < 0).length;
    expect(against).toBeGreaterThan(together * 2);
  });
});

describe('intraday activity', () => {
  it('is U-shaped: busiest at the open, busy into the close, quiet at lunch', () => {
    expect(uShape(0)).toBeGreaterThan(2.9);
    expect(uShape(1)).toBeGreaterThan(2.4);
    expect(uShape(0.5)).toBeLessThan(1.01);
    expect(uShape(0)).toBeGreaterThan(uShape(1));
    expect(uShape(0.05)).toBeGreaterThan(uShape(0.3));
  });
});

describe('session changes', () => {
  it('are announced after the last quotes of the old phase, once each', () => {
    const { clock, m } = market(newYorkTime('2026-11-23', 15 * 60 + 59));
    const seen: string[] = [];
    m.onPhase((phase, previous) => seen.push(`${previous}→${phase}`));
    m.start();
    clock.advance(2 * 60_000);
    expect(seen).toEqual(['regular→post']);
    clock.advance(4 * 3_600_000);
    expect(seen).toEqual(['regular→post', 'post→closed']);
    m.stop();
  });
});
