/**
 * The demo book's 32 symbols with their real price levels on the book's first day, market betas
 * and idiosyncratic volatilities, and its five strategies. Generated prices follow from these.
 */
export interface SymbolSpec {
  symbol: string;
  /** Close on the book's first day (2024-05-01), rounded to the dollar (NVDA split-adjusted). */
  price: number;
  beta: number;
  /** Annualised idiosyncratic volatility. */
  vol: number;
  /** Annualised drift beyond the market's. */
  alpha: number;
}

export const UNIVERSE: readonly SymbolSpec[] = [
  { symbol: 'SPY', price: 501, beta: 1.0, vol: 0.0, alpha: 0 },
  { symbol: 'QQQ', price: 420, beta: 1.2, vol: 0.05, alpha: 0.02 },
  { symbol: 'IWM', price: 197, beta: 1.15, vol: 0.1, alpha: -0.02 },
  { symbol: 'DIA', price: 377, beta: 0.9, vol: 0.04, alpha: 0 },
  { symbol: 'TLT', price: 87, beta: -0.2, vol: 0.13, alpha: -0.03 },
  { symbol: 'GLD', price: 213, beta: 0.1, vol: 0.14, alpha: 0.08 },
  { symbol: 'VNQ', price: 81, beta: 0.9, vol: 0.12, alpha: -0.02 },
  { symbol: 'BND', price: 71, beta: -0.05, vol: 0.05, alpha: -0.01 },
  { symbol: 'XLK', price: 200, beta: 1.25, vol: 0.08, alpha: 0.02 },
  { symbol: 'XLF', price: 41, beta: 1.05, vol: 0.1, alpha: 0.01 },
  { symbol: 'XLE', price: 94, beta: 0.8, vol: 0.2, alpha: -0.03 },
  { symbol: 'XLV', price: 143, beta: 0.7, vol: 0.1, alpha: -0.02 },
  { symbol: 'XLI', price: 121, beta: 1.05, vol: 0.09, alpha: 0.01 },
  { symbol: 'XLY', price: 174, beta: 1.15, vol: 0.11, alpha: 0 },
  { symbol: 'XLP', price: 76, beta: 0.55, vol: 0.09, alpha: -0.01 },
  { symbol: 'XLU', price: 68, beta: 0.5, vol: 0.13, alpha: 0.02 },
  { symbol: 'AAPL', price: 169, beta: 1.1, vol: 0.22, alpha: 0.03 },
  { symbol: 'MSFT', price: 394, beta: 1.05, vol: 0.2, alpha: 0.02 },
  { symbol: 'NVDA', price: 83, beta: 1.7, vol: 0.4, alpha: 0.15 },
  { symbol: 'AMZN', price: 179, beta: 1.2, vol: 0.25, alpha: 0.03 },
  { symbol: 'META', price: 439, beta: 1.3, vol: 0.3, alpha: 0.06 },
  { symbol: 'GOOGL', price: 164, beta: 1.1, vol: 0.24, alpha: 0.03 },
  { symbol: 'TSLA', price: 180, beta: 1.8, vol: 0.5, alpha: 0.05 },
  { symbol: 'AMD', price: 158, beta: 1.6, vol: 0.42, alpha: -0.02 },
  { symbol: 'JPM', price: 192, beta: 1.0, vol: 0.18, alpha: 0.05 },
  { symbol: 'BAC', price: 37, beta: 1.1, vol: 0.22, alpha: 0.02 },
  { symbol: 'XOM', price: 118, beta: 0.8, vol: 0.22, alpha: -0.03 },
  { symbol: 'CVX', price: 161, beta: 0.85, vol: 0.22, alpha: -0.04 },
  { symbol: 'JNJ', price: 147, beta: 0.55, vol: 0.15, alpha: -0.02 },
  { symbol: 'PG', price: 163, beta: 0.5, vol: 0.14, alpha: 0 },
  { symbol: 'KO', price: 62, beta: 0.55, vol: 0.13, alpha: 0 },
  { symbol: 'PEP', price: 175, beta: 0.55, vol: 0.15, alpha: -0.05 },
];

export type StrategyStyle = 'momentum' | 'mean_reversion' | 'ma_crossover' | 'rebalance' | 'rotation';

export interface DemoStrategy {
  id: string;
  name: string;
  displayName: string;
  style: StrategyStyle;
  /** Share of account equity this sleeve targets. */
  sleeve: number;
  symbols: readonly string[];
  /** How many symbols the sleeve holds at once (rebalance holds all, with fixed weights). */
  holdings: number;
}

export const STRATEGIES: readonly DemoStrategy[] = [
  {
    id: 'strat-momentum',
    name: 'rsi_volume_momentum',
    displayName: 'RSI + Volume Momentum',
    style: 'momentum',
    sleeve: 0.22,
    symbols: ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'META', 'GOOGL', 'TSLA', 'AMD'],
    holdings: 3,
  },
  {
    id: 'strat-meanrev',
    name: 'bollinger_rsi_mean_reversion',
    displayName: 'Bollinger + RSI Mean Reversion',
    style: 'mean_reversion',
    sleeve: 0.18,
    symbols: ['JPM', 'BAC', 'XOM', 'CVX', 'JNJ', 'PG', 'KO', 'PEP'],
    holdings: 3,
  },
  {
    id: 'strat-crossover',
    name: 'ma_crossover_etf',
    displayName: 'MA Crossover (ETFs)',
    style: 'ma_crossover',
    sleeve: 0.2,
    symbols: ['SPY', 'QQQ', 'IWM', 'DIA'],
    holdings: 4,
  },
  {
    id: 'strat-rebalance',
    name: 'balanced_rebalance',
    displayName: 'Balanced Rebalance (drift 5%)',
    style: 'rebalance',
    sleeve: 0.25,
    symbols: ['SPY', 'TLT', 'GLD', 'VNQ', 'BND'],
    holdings: 5,
  },
  {
    id: 'strat-rotation',
    name: 'sector_rotation',
    displayName: 'Sector Rotation',
    style: 'rotation',
    sleeve: 0.12,
    symbols: ['XLK', 'XLF', 'XLE', 'XLV', 'XLI', 'XLY', 'XLP', 'XLU'],
    holdings: 3,
  },
];

export const REBALANCE_WEIGHTS: Readonly<Record<string, number>> = {
  SPY: 0.4,
  TLT: 0.2,
  GLD: 0.15,
  VNQ: 0.1,
  BND: 0.15,
};
