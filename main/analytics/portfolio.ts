import type { Account, MonthlyReturn, Position, PortfolioSummary, YearlyReturn } from '../contract/schemas';
import { fmtMoney, fmtPrice, fmtQty, moneyToNumber, notional } from '../domain/fixed';
import type { EquityRow } from '../store/repos/equity';
import type { PositionRow } from '../store/repos/positions';
import type { ActivityCounts } from '../store/repos/activity';
import { compound, conventions, returnStats, type EquityDay } from './returns';

export interface PortfolioInputs {
  account: Account;
  equity: readonly EquityRow[];
  positions: readonly PositionRow[];
  activity: ActivityCounts;
}

/** Builds the Portfolio Overview answer. Money totals are exact (bigint); ratios are floats. */
export function portfolioSummary(input: PortfolioInputs): PortfolioSummary {
  const rows = input.equity;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const days: EquityDay[] = rows.map((r) => ({
    date: r.date,
    equity: moneyToNumber(r.equity),
    deposits: moneyToNumber(r.deposits),
    withdrawals: moneyToNumber(r.withdrawals),
  }));
  // Daily P&L in exact micro-dollars, converted once: the chart, the day's P&L, the returns and
  // the win rate all use it, so a day that only moved by a deposit is exactly zero.
  const pnlMicros = rows.slice(1).map((r, i) => r.equity - rows[i]!.equity - (r.deposits - r.withdrawals));
  const stats = returnStats(days, pnlMicros.map(moneyToNumber));

  // The first snapshot's equity is the opening balance: it counts as deposited capital.
  let netDeposits = first ? first.equity : 0n;
  for (let i = 1; i < rows.length; i++) netDeposits += rows[i]!.deposits - rows[i]!.withdrawals;
  const equity = last?.equity ?? 0n;
  const dayPnl = pnlMicros.length > 0 ? pnlMicros[pnlMicros.length - 1]! : null;

  return {
    account: input.account,
    asOf: last?.date ?? null,
    firstDate: first?.date ?? null,
    tradingDays: rows.length,
    equity: fmtMoney(equity),
    cash: fmtMoney(last?.cash ?? 0n),
    netDeposits: fmtMoney(netDeposits),
    totalPnl: fmtMoney(equity - netDeposits),
    dayPnl: dayPnl === null ? null : fmtMoney(dayPnl),
    cumulativeReturn: stats.cumulativeReturn,
    sharpe: stats.sharpe,
    maxDrawdown: stats.maxDrawdown,
    volatility: stats.volatility,
    winRate: stats.winRate,
    positions: positions(input.positions, equity),
    equityCurve: days.map((d) => ({ date: d.date, equity: d.equity })),
    dailyPnl: stats.dailyPnl,
    monthlyReturns: monthly(rows, stats.dailyReturns),
    yearlyReturns: yearly(rows, stats.dailyReturns),
    activity: input.activity,
    conventions,
  };
}

/** Option prices are quoted per share; one contract is 100 shares. */
export const contractMultiplier = (assetClass: PositionRow['asset_class']): bigint =>
  assetClass === 'us_option' ? 100n : 1n;

function positions(rows: readonly PositionRow[], equity: bigint): Position[] {
  const out = rows.map((p) => {
    const multiplier = contractMultiplier(p.asset_class);
    const marketValue = notional(p.qty, p.current_price) * multiplier;
    const costBasis = p.cost_basis ?? notional(p.qty, p.avg_entry_price) * multiplier;
    const unrealized = marketValue - costBasis;
    return {
      symbol: p.symbol,
      assetClass: p.asset_class,
      qty: fmtQty(p.qty),
      avgEntryPrice: fmtPrice(p.avg_entry_price),
      currentPrice: fmtPrice(p.current_price),
      marketValue: fmtMoney(marketValue),
      costBasis: fmtMoney(costBasis),
      unrealizedPnl: fmtMoney(unrealized),
      unrealizedPnlPct:
        costBasis === 0n ? null : Number(unrealized) / Number(costBasis < 0n ? -costBasis : costBasis),
      weight: equity === 0n ? null : Number(marketValue) / Number(equity),
      sortKey: marketValue < 0n ? -marketValue : marketValue,
    };
  });
  out.sort((a, b) =>
    a.sortKey === b.sortKey ? a.symbol.localeCompare(b.symbol) : a.sortKey > b.sortKey ? -1 : 1,
  );
  return out.map(({ sortKey: _sortKey, ...p }) => p);
}

interface PeriodBucket {
  rs: number[];
  pnl: bigint;
  deposits: bigint;
  withdrawals: bigint;
}

/** Compounded returns and exact P&L and flows per period (a month, a year) of the history. */
function periods(
  rows: readonly EquityRow[],
  dailyReturns: readonly { date: string; r: number }[],
  keyOf: (date: string) => string,
): [string, PeriodBucket][] {
  const buckets = new Map<string, PeriodBucket>();
  const bucket = (date: string) => {
    const key = keyOf(date);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { rs: [], pnl: 0n, deposits: 0n, withdrawals: 0n }));
    return b;
  };
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const b = bucket(row.date);
    b.pnl += row.equity - rows[i - 1]!.equity - (row.deposits - row.withdrawals);
    b.deposits += row.deposits;
    b.withdrawals += row.withdrawals;
  }
  for (const d of dailyReturns) bucket(d.date).rs.push(d.r);
  return [...buckets.entries()];
}

function monthly(
  rows: readonly EquityRow[],
  dailyReturns: readonly { date: string; r: number }[],
): MonthlyReturn[] {
  return periods(rows, dailyReturns, (d) => d.slice(0, 7)).map(([key, b]) => ({
    year: Number(key.slice(0, 4)),
    month: Number(key.slice(5, 7)),
    return: compound(b.rs),
    pnl: fmtMoney(b.pnl),
    deposits: fmtMoney(b.deposits),
    withdrawals: fmtMoney(b.withdrawals),
  }));
}

function yearly(
  rows: readonly EquityRow[],
  dailyReturns: readonly { date: string; r: number }[],
): YearlyReturn[] {
  return periods(rows, dailyReturns, (d) => d.slice(0, 4)).map(([key, b]) => ({
    year: Number(key),
    return: compound(b.rs),
    pnl: fmtMoney(b.pnl),
  }));
}
