/**
 * Portfolio return statistics from daily equity snapshots, with cash flows.
 *
 * Conventions (shown to the user verbatim via `conventions` below):
 * - Daily P&L_t = E_t − E_{t−1} − (deposits_t − withdrawals_t): flows are not profit.
 * - Daily return r_t = P&L_t / (E_{t−1} + flows_t): flows are assumed to arrive at the start of
 *   the day (the usual daily Modified Dietz simplification), so a deposit earns that day's move.
 * - Cumulative return is time-weighted: Π(1 + r_t) − 1, independent of deposit timing.
 * - Sharpe = mean(r) / stdev(r) × √252, risk-free rate 0, sample standard deviation (n − 1).
 * - Volatility = stdev(r) × √252.
 * - Max drawdown is measured on the time-weighted index, so a withdrawal is not a drawdown.
 * - Win rate = days with P&L > 0 / days with P&L ≠ 0.
 */
export const PERIODS_PER_YEAR = 252;

export const conventions = {
  returns:
    'Daily return = (equity − previous equity − net deposits) / (previous equity + net deposits); cumulative return compounds daily returns (time-weighted), so deposits and withdrawals are not performance.',
  sharpe: 'Mean daily return / sample standard deviation × √252, risk-free rate 0.',
  volatility: 'Sample standard deviation of daily returns × √252.',
  maxDrawdown: 'Largest fall from a peak of the time-weighted return index (cash flows excluded).',
  winRate: 'Share of trading days with positive P&L among days with non-zero P&L.',
} as const;

/** One day of the history, as statistics need it (money converted from exact integers once). */
export interface DayResult {
  date: string;
  /** The day's P&L: equity change less net deposits. */
  pnl: number;
  /** Capital at work that day: previous equity plus the day's net deposits (start-of-day flows). */
  base: number;
}

export interface ReturnStats {
  dailyReturns: { date: string; r: number }[];
  cumulativeReturn: number | null;
  sharpe: number | null;
  volatility: number | null;
  maxDrawdown: number | null;
  winRate: number | null;
}

/** Return statistics of a daily history; days with no capital at work have no return. */
export function returnStats(days: readonly DayResult[]): ReturnStats {
  const dailyReturns = days.filter((d) => d.base > 0).map((d) => ({ date: d.date, r: d.pnl / d.base }));
  const rs = dailyReturns.map((d) => d.r);
  return {
    dailyReturns,
    cumulativeReturn: rs.length === 0 ? null : compound(rs),
    sharpe: sharpe(rs),
    volatility: volatility(rs),
    maxDrawdown: rs.length === 0 ? null : maxDrawdown(rs),
    winRate: winRate(days.map((d) => d.pnl)),
  };
}

export function compound(rs: readonly number[]): number {
  let growth = 1;
  for (const r of rs) growth *= 1 + r;
  return growth - 1;
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1); null below two observations. */
export function stdev(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

export function sharpe(rs: readonly number[]): number | null {
  const sd = stdev(rs);
  if (sd === null || sd === 0) return null;
  return (mean(rs) / sd) * Math.sqrt(PERIODS_PER_YEAR);
}

export function volatility(rs: readonly number[]): number | null {
  const sd = stdev(rs);
  return sd === null ? null : sd * Math.sqrt(PERIODS_PER_YEAR);
}

/** Largest peak-to-trough fall of the compounded index, as a positive fraction. */
export function maxDrawdown(rs: readonly number[]): number {
  let index = 1;
  let peak = 1;
  let worst = 0;
  for (const r of rs) {
    index *= 1 + r;
    if (index > peak) peak = index;
    const dd = 1 - index / peak;
    if (dd > worst) worst = dd;
  }
  return worst;
}

export function winRate(pnls: readonly number[]): number | null {
  let wins = 0;
  let decided = 0;
  for (const p of pnls) {
    if (p > 0) wins++;
    if (p !== 0) decided++;
  }
  return decided === 0 ? null : wins / decided;
}
