import type { Micros } from '../brokers/types';

/**
 * The lowest and highest price traded per symbol and minute, and per symbol and day: bars are made
 * of trades, so the book's bars are widened to hold its own fills (a fill lies within its
 * minute's low..high and its day's).
 */
export class TradeRanges {
  private readonly ranges = new Map<string, { low: Micros; high: Micros }>();

  /** A fill at `at` on session `date`. */
  record(symbol: string, date: string, at: number, price: Micros): void {
    this.widen(`${symbol}|${Math.floor(at / 60_000) * 60_000}`, price);
    this.widen(`${symbol}|${date}`, price);
  }

  /** A minute bar (by its start) or a daily bar (by its date) widened to the fills inside it. */
  bar(
    symbol: string,
    key: number | string,
    b: { open: Micros; high: Micros; low: Micros; close: Micros },
  ): [Micros, Micros, Micros, Micros] {
    const r = this.ranges.get(`${symbol}|${key}`);
    const high = r && r.high > b.high ? r.high : b.high;
    const low = r && r.low < b.low ? r.low : b.low;
    return [b.open, high, low, b.close];
  }

  private widen(key: string, price: Micros): void {
    const r = this.ranges.get(key);
    if (!r) this.ranges.set(key, { low: price, high: price });
    else {
      if (price < r.low) r.low = price;
      if (price > r.high) r.high = price;
    }
  }
}
