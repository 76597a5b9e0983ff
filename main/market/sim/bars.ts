/**
 * Bars of the simulated market: one-minute bars built from its own quotes while it runs (the mid
 * price's open, high, low and close in each minute), kept for the last sessions, and the
 * aggregation of one-minute bars into the longer timeframes the broker port offers.
 *
 * The simulated market publishes quotes, not trades, so a live bar's volume is the displayed size
 * at the touch of each update (half the bid and ask sizes) — a stand-in that rises and falls with
 * activity, labelled as such in the docs of `SimBroker.bars`.
 */
import type { Bar, BarTimeframe, Micros, Quote } from '../../brokers/types';
import { newYorkTime } from '../../domain/calendar';
import { newYorkDate } from '../../domain/sessions';

const MINUTE = 60_000;
const TIMEFRAME_MS: Record<Exclude<BarTimeframe, '1Day'>, number> = {
  '1Min': MINUTE,
  '5Min': 5 * MINUTE,
  '15Min': 15 * MINUTE,
  '1Hour': 60 * MINUTE,
};

/** Where a bar of this timeframe starts for an instant: clock-aligned, or the New York day. */
export function bucketStart(ts: number, timeframe: BarTimeframe): number {
  if (timeframe === '1Day') return newYorkTime(newYorkDate(ts), 0);
  const ms = TIMEFRAME_MS[timeframe];
  return Math.floor(ts / ms) * ms;
}

/** Folds bars (oldest first, of a shorter timeframe) into bars of `timeframe`. */
export function aggregate(bars: readonly Bar[], timeframe: BarTimeframe): Bar[] {
  const out: Bar[] = [];
  for (const b of bars) {
    const ts = bucketStart(b.ts, timeframe);
    const last = out.at(-1);
    if (last && last.ts === ts) {
      if (b.high > last.high) last.high = b.high;
      if (b.low < last.low) last.low = b.low;
      last.close = b.close;
      last.volume += b.volume;
    } else out.push({ ...b, ts });
  }
  return out;
}

/** One-minute bars of the live simulated quotes, the last `keepMinutes` of each symbol. */
export class LiveBars {
  private readonly bars = new Map<string, Bar[]>();

  constructor(private readonly keepMinutes = 3 * 24 * 60) {}

  add(quote: Quote): void {
    const mid: Micros = (quote.bid + quote.ask) / 2n;
    const ts = bucketStart(quote.at, '1Min');
    const volume = Math.round((quote.bidSize + quote.askSize) / 2);
    let series = this.bars.get(quote.symbol);
    if (!series) this.bars.set(quote.symbol, (series = []));
    const last = series.at(-1);
    if (last && last.ts === ts) {
      if (mid > last.high) last.high = mid;
      if (mid < last.low) last.low = mid;
      last.close = mid;
      last.volume += volume;
      return;
    }
    if (last && ts < last.ts) return; // a late quote never rewrites a closed minute
    series.push({ ts, open: mid, high: mid, low: mid, close: mid, volume });
    const cutoff = ts - this.keepMinutes * MINUTE;
    let drop = 0;
    while (drop < series.length && series[drop]!.ts < cutoff) drop++;
    if (drop > 0) series.splice(0, drop);
  }

  /** Bars of one symbol from `from` (inclusive) to `to` (exclusive), in `timeframe`. */
  range(symbol: string, timeframe: BarTimeframe, from: number, to: number): Bar[] {
    // Minutes from the start of the bucket holding `from`: whole bars of the timeframe.
    const start = bucketStart(from, timeframe);
    const minutes = (this.bars.get(symbol) ?? []).filter((b) => b.ts >= start && b.ts < to);
    return aggregate(minutes, timeframe);
  }
}

/**
 * Stored bars first, then the live ones after the last stored bar: a chart sees the history and
 * the session under way as one series, never a bar twice.
 */
export function joinBars(stored: readonly Bar[], live: readonly Bar[]): Bar[] {
  const last = stored.at(-1)?.ts ?? -Infinity;
  return [...stored, ...live.filter((b) => b.ts > last)];
}

/** Reads stored bars of a symbol: '1Day' or '1Min', from (inclusive) to (exclusive), oldest first. */
export type StoredBars = (symbol: string, timeframe: '1Day' | '1Min', from: number, to: number) => Bar[];

/**
 * The simulated broker's bars: the cache's history (daily bars, and one-minute bars folded into
 * the intraday timeframes) joined with the bars of the market running now.
 */
export function simBars(stored: StoredBars, live: LiveBars) {
  return (symbol: string, timeframe: BarTimeframe, from: number, to: number): Bar[] => {
    const history =
      timeframe === '1Day'
        ? stored(symbol, '1Day', bucketStart(from, '1Day'), to)
        : aggregate(stored(symbol, '1Min', bucketStart(from, timeframe), to), timeframe);
    return joinBars(history, live.range(symbol, timeframe, from, to));
  };
}
