import { ONE_SHARE } from '../domain/fixed';
import type { Rng } from '../domain/rng';
import { executeMarketOrder, TICK_MS } from './execution';
import type { Ledger } from './ledger';
import type { DayBar } from './prices';
import type { DemoQuotes } from './quotes';
import { nextOrderSeq, recordFilledOrder, type BookTotals } from './record';
import type { PendingOrder } from './strategy-orders';
import type { TradeRanges } from './trade-ranges';
import { centsToMicros, ppm } from './units';
import type { DemoWriter } from './writer';

export interface TradingDay {
  day: DayBar;
  /** The regular session's close, epoch ms: nothing trades at or after it. */
  closeAt: number;
  runId: string | null;
  correlationId: string | null;
}

export interface Desk {
  write: DemoWriter;
  totals: BookTotals;
  ledger: Ledger;
  quotes: DemoQuotes;
  ranges: TradeRanges;
  rng: Rng;
  /** Child orders a strategy trade is worked in (set per book size). */
  slices: number;
}

/**
 * One strategy trade: its signal, then the trade worked as `slices` market orders one after
 * another, each filled by the simulated broker's fill model against the quotes of its moment.
 * Returns when the last child's last fill happened.
 */
export function tradeStrategyOrder(
  desk: Desk,
  o: PendingOrder,
  shares: number,
  arrivalAt: number,
  session: TradingDay,
): number {
  const { write, totals, ledger, quotes, ranges, rng } = desk;
  const signalId = `sig-${String(++totals.signals).padStart(7, '0')}`;
  write.signal.run({
    id: signalId,
    strategy_id: o.strategy.id,
    run_id: session.runId,
    symbol: o.symbol,
    action: o.side === 'buy' ? 'BUY' : 'SELL',
    target_allocation_ppm: ppm(o.targetWeight * o.strategy.sleeve),
    price: centsToMicros(o.price),
    qty: BigInt(shares) * ONE_SHARE,
    reason: o.reason,
    state: 'executed',
    created_at: arrivalAt - 400,
  });
  const children = Math.min(desk.slices, shares);
  const base = Math.floor(shares / children);
  let extra = shares - base * children;
  let at = arrivalAt;
  let lastFillAt = arrivalAt;
  for (let c = 0; c < children; c++) {
    const childShares = base + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    const qty = BigInt(childShares) * ONE_SHARE;
    const arrival = quotes.equity(o.symbol, session.day, at);
    const submittedAt = at + 50;
    const fills = executeMarketOrder(
      { symbol: o.symbol, assetClass: 'us_equity', side: o.side, qty },
      submittedAt + Math.floor(rng.next() * TICK_MS),
      session.closeAt,
      (t) => quotes.equity(o.symbol, session.day, t),
    );
    for (const f of fills) {
      ledger.fill(o.symbol, 'us_equity', o.side, f);
      ranges.record(o.symbol, session.day.date, f.at, f.price);
    }
    recordFilledOrder(write, totals, nextOrderSeq(totals), {
      symbol: o.symbol,
      assetClass: 'us_equity',
      side: o.side,
      qty,
      strategyId: o.strategy.id,
      source: o.strategy.style === 'rebalance' ? 'rebalance' : 'strategy',
      signalId,
      runId: session.runId,
      correlationId: session.correlationId,
      arrival,
      submittedAt,
      fills,
    });
    lastFillAt = fills[fills.length - 1]!.at;
    // The next child goes out a tick or two later.
    at = lastFillAt + TICK_MS + Math.floor(rng.next() * TICK_MS);
  }
  return lastFillAt;
}
