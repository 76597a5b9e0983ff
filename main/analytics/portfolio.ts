import type { Account, MonthlyReturn, Position, PortfolioSummary, YearlyReturn } from '../contract/schemas';
import { fmtMoney, fmtPrice, fmtQty, moneyToNumber, notional } from '../domain/fixed';
import type { EquityRow } from '../store/repos/equity';
import type { PositionRow } from '../store/repos/positions';
import type { ActivityCounts } from '../store/repos/activity';
import { contractMultiplier } from '../domain/instruments';
import { compound, conventions, returnStats } from './returns';

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
  const changes = dailyChanges(rows);
  const stats = returnStats(
    changes.map((c) => ({ date: c.date, pnl: moneyToNumber(c.pnl), base: moneyToNumber(c.base) })),
  );

  // The first snapshot's equity is the opening balance: it counts as deposited capital.
  let netDeposits = first ? first.equity : 0n;
  for (let i = 1; i < rows.length; i++) netDeposits += rows[i]!.deposits - rows[i]!.withdrawals;
  const equity = last?.equity ?? 0n;
  const dayPnl = changes.length > 0 ? changes[changes.length - 1]!.pnl : null;

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
    equityCurve: rows.map((r) => ({ date: r.date, equity: moneyToNumber(r.equity) })),
    dailyPnl: changes.map((c) => ({ date: c.date, pnl: moneyToNumber(c.pnl) })),
    monthlyReturns: monthly(changes, stats.dailyReturns),
    yearlyReturns: yearly(changes, stats.dailyReturns),
    activity: input.activity,
    conventions,
  };
}

/** Positions in the one order the engine and the pages share: largest exposure first. */
export function positions(rows: readonly PositionRow[], equity: bigint): Position[] {
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

/** A day of the history in exact micro-dollars; the only place P&L is derived from equity. */
export interface DayChange {
  date: string;
  /** Equity change less net deposits: cash flows are not profit. */
  pnl: bigint;
  deposits: bigint;
  withdrawals: bigint;
  /** Previous equity plus the day's net deposits: the capital a daily return is measured on. */
  base: bigint;
}

export function dailyChanges(rows: readonly EquityRow[]): DayChange[] {
  return rows.slice(1).map((r, i) => {
    const flow = r.deposits - r.withdrawals;
    const prev = rows[i]!.equity;
    return {
      date: r.date,
      pnl: r.equity - prev - flow,
      deposits: r.deposits,
      withdrawals: r.withdrawals,
      base: prev + flow,
    };
  });
}

interface PeriodBucket {
  rs: number[];
  pnl: bigint;
  deposits: bigint;
  withdrawals: bigint;
}

/** Compounded returns and exact P&L and flows per period (a month, a year) of the history. */
function periods(
  changes: readonly DayChange[],
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
  for (const c of changes) {
    const b = bucket(c.date);
    b.pnl += c.pnl;
    b.deposits += c.deposits;
    b.withdrawals += c.withdrawals;
  }
  for (const d of dailyReturns) bucket(d.date).rs.push(d.r);
  return [...buckets.entries()];
}

function monthly(
  changes: readonly DayChange[],
  dailyReturns: readonly { date: string; r: number }[],
): MonthlyReturn[] {
  return periods(changes, dailyReturns, (d) => d.slice(0, 7)).map(([key, b]) => ({
    year: Number(key.slice(0, 4)),
    month: Number(key.slice(5, 7)),
    return: compound(b.rs),
    pnl: fmtMoney(b.pnl),
    deposits: fmtMoney(b.deposits),
    withdrawals: fmtMoney(b.withdrawals),
  }));
}

function yearly(
  changes: readonly DayChange[],
  dailyReturns: readonly { date: string; r: number }[],
): YearlyReturn[] {
  return periods(changes, dailyReturns, (d) => d.slice(0, 4)).map(([key, b]) => ({
    year: Number(key),
    return: compound(b.rs),
    pnl: fmtMoney(b.pnl),
  }));
}
