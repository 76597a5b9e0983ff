/**
 * Market microstructure of the simulated feed: spreads per symbol, displayed sizes, and the
 * intraday U-shape of activity (busy at the open and into the close, quiet at lunch).
 */
import type { Phase } from '../../domain/sessions';
import { roundToTick, tickSize } from '../../brokers/sim/matching';
import type { Quote } from '../../brokers/types';

/** Names that trade a one-cent spread all day (index ETFs, mega caps). */
const PENNY_WIDE = new Set([
  'SPY',
  'QQQ',
  'IWM',
  'DIA',
  'TLT',
  'GLD',
  'XLF',
  'XLE',
  'XLK',
  'XLV',
  'XLI',
  'XLY',
  'XLP',
  'XLU',
  'AAPL',
  'MSFT',
  'NVDA',
  'AMZN',
  'META',
  'GOOGL',
  'TSLA',
  'AMD',
  'JPM',
  'BAC',
  'XOM',
  'CVX',
  'JNJ',
  'PG',
  'KO',
  'PEP',
]);

/** Regular-session spread in ticks: one on the liquid names, wider on thinner ones. */
export function spreadTicks(symbol: string, price: number): number {
  if (PENNY_WIDE.has(symbol)) return 1;
  return price > 200 ? 4 : 2;
}

/** Typical displayed size at the touch, in shares, for a symbol and its price. */
export function baseSize(symbol: string, price: number): number {
  if (symbol === 'SPY' || symbol === 'QQQ') return 900;
  const liquid = PENNY_WIDE.has(symbol);
  const byPrice = price > 400 ? 100 : price > 100 ? 300 : 600;
  return liquid ? byPrice * 2 : byPrice / 2;
}

/**
 * Relative activity at a point of the regular session (0 = open, 1 = close): about 3× the
 * midday level in the first minutes, 2.5× into the close, a floor of 1 at lunch.
 */
export function uShape(fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction));
  return 1 + 2 * Math.exp(-f / 0.06) + 1.5 * Math.exp(-(1 - f) / 0.05);
}

/** How the extended sessions differ: wider spreads, thinner books, fewer updates. */
export function phaseFactors(phase: Phase): { spread: number; size: number; activity: number } {
  switch (phase) {
    case 'regular':
      return { spread: 1, size: 1, activity: 1 };
    case 'pre':
    case 'post':
      return { spread: 5, size: 0.15, activity: 0.2 };
    case 'closed':
      return { spread: 10, size: 0.05, activity: 0 };
  }
}

/**
 * The quote a symbol shows around a mid price: its spread in whole ticks, the bid on the tick
 * grid, and displayed sizes in round lots (base size × phase × activity, ±60% at random). The live
 * feed and the demo book both quote with it, so demo fills meet the books live orders meet.
 * `random` is called twice, for the bid size then the ask size.
 */
export function quoteAround(
  symbol: string,
  mid: number,
  at: number,
  factors: { spread: number; size: number },
  activity: number,
  random: () => number,
): Quote {
  const midMicros = BigInt(Math.round(mid * 1e6));
  const tick = tickSize(midMicros);
  const ticks = BigInt(Math.max(1, Math.round(spreadTicks(symbol, mid) * factors.spread)));
  const bid = roundToTick(midMicros - (ticks * tick) / 2n, 'sell');
  const ask = bid + ticks * tick;
  const size = () => {
    const base = baseSize(symbol, mid) * factors.size * activity;
    return Math.max(1, Math.round((base * (0.4 + 1.2 * random())) / 100)) * 100;
  };
  const bidSize = size();
  return { symbol, bid, ask, bidSize, askSize: size(), last: null, at };
}

/**
 * The quote of a listed option around its model price: about 1% wide (at least a cent) on the
 * cent grid, never bid below a cent, with tens of contracts displayed a side. `random` is called
 * twice, for the bid size then the ask size.
 */
export function optionQuoteAround(symbol: string, mid: number, at: number, random: () => number): Quote {
  const cent = 10_000n;
  // One cent of spread per dollar of premium: about 1% wide.
  const ticks = BigInt(Math.max(1, Math.round(mid)));
  const lowest = BigInt(Math.round(mid * 100)) - ticks / 2n;
  const bid = (lowest > 1n ? lowest : 1n) * cent;
  const size = () => Math.max(1, Math.round(6 * (0.4 + 1.2 * random()))) * 10;
  const bidSize = size();
  return { symbol, bid, ask: bid + ticks * cent, bidSize, askSize: size(), last: null, at };
}
