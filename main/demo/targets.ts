import { REBALANCE_WEIGHTS, type DemoStrategy } from './universe';

/** Closing prices so far (oldest first) per symbol — the data a strategy may use on a day. */
export type History = (symbol: string, lookback: number) => readonly number[];

export interface Target {
  symbol: string;
  /** Weight within the strategy's sleeve, 0..1. */
  weight: number;
  reason: string;
}

const ret = (xs: readonly number[]) => xs[xs.length - 1]! / xs[0]! - 1;
const avg = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

/** Each demo strategy's target weights for today, from closes up to yesterday. */
export function targetWeights(strategy: DemoStrategy, history: History): Target[] {
  const { symbols, holdings } = strategy;
  const ranked = (lookback: number, descending: boolean) =>
    symbols
      .map((symbol) => ({ symbol, r: ret(history(symbol, lookback)) }))
      .sort((a, b) => (descending ? b.r - a.r : a.r - b.r) || a.symbol.localeCompare(b.symbol));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

  switch (strategy.style) {
    case 'momentum':
      return ranked(20, true).map((x, i) => ({
        symbol: x.symbol,
        weight: i < holdings && x.r > 0 ? 1 / holdings : 0,
        reason: `20-day return ${pct(x.r)}, rank ${i + 1} of ${symbols.length}`,
      }));
    case 'mean_reversion':
      return ranked(5, false).map((x, i) => ({
        symbol: x.symbol,
        weight: i < holdings && x.r < 0 ? 1 / holdings : 0,
        reason: `5-day return ${pct(x.r)} (oversold rank ${i + 1})`,
      }));
    case 'rotation':
      return ranked(60, true).map((x, i) => ({
        symbol: x.symbol,
        weight: i < holdings ? 1 / holdings : 0,
        reason: `60-day relative strength rank ${i + 1} of ${symbols.length}`,
      }));
    case 'ma_crossover':
      return symbols.map((symbol) => {
        const closes = history(symbol, 30);
        const fast = avg(closes.slice(-10));
        const slow = avg(closes);
        return {
          symbol,
          weight: fast > slow ? 1 / symbols.length : 0,
          reason: `MA10 ${fast.toFixed(2)} ${fast > slow ? 'above' : 'below'} MA30 ${slow.toFixed(2)}`,
        };
      });
    case 'rebalance':
      return symbols.map((symbol) => ({
        symbol,
        weight: REBALANCE_WEIGHTS[symbol] ?? 0,
        reason: `fixed target ${pct(REBALANCE_WEIGHTS[symbol] ?? 0)}, rebalanced on 5% drift`,
      }));
  }
}
