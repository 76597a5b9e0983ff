/**
 * Market microstructure of the simulated feed: spreads per symbol, displayed sizes, and the
 * intraday U-shape of activity (busy at the open and into the close, quiet at lunch).
 */
import type { Phase } from '../../domain/sessions';

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
