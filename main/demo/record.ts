import type { AssetClass, Quote, Side } from '../brokers/types';
import { divRound, notional, ONE_SHARE } from '../domain/fixed';
import type { DemoFill } from './execution';
import { journalFilledOrder, type DemoWriter } from './writer';

export const DEMO_ACCOUNT_ID = 'demo';

/** Running counts of what the book holds; ids are numbered from them. */
export interface BookTotals {
  orders: number;
  fills: number;
  signals: number;
  runs: number;
}

export interface FilledOrder {
  symbol: string;
  assetClass: AssetClass;
  side: Side;
  qty: bigint;
  strategyId: string | null;
  source: 'strategy' | 'rebalance';
  signalId: string | null;
  runId: string | null;
  correlationId: string | null;
  arrival: Quote;
  submittedAt: number;
  fills: readonly DemoFill[];
}

/** Numbers the next order; its fills are numbered as they are recorded. */
export function nextOrderSeq(totals: BookTotals): number {
  return ++totals.orders;
}

/**
 * Writes a filled order: the order row, its fills (with their quotes and fees) and allocations,
 * and its journal. Parents before children: foreign keys are checked row by row.
 */
export function recordFilledOrder(write: DemoWriter, totals: BookTotals, seq: number, o: FilledOrder): void {
  const orderId = `ord-${String(seq).padStart(7, '0')}`;
  const brokerOrderId = `sim-${seq.toString(16).padStart(8, '0')}`;
  // The average is over qty × price per share (no contract multiplier), as the journal keeps it.
  const perShare = o.fills.reduce((a, f) => a + notional(f.qty, f.price), 0n);
  const avg = divRound(perShare * ONE_SHARE, o.qty);
  write.order.run({
    id: orderId,
    account_id: DEMO_ACCOUNT_ID,
    client_order_id: `keel-demo-${seq}`,
    broker_order_id: brokerOrderId,
    symbol: o.symbol,
    asset_class: o.assetClass,
    side: o.side,
    qty: o.qty,
    filled_qty: o.qty,
    avg_fill_price: avg,
    strategy_id: o.strategyId,
    source: o.source,
    signal_id: o.signalId,
    run_id: o.runId,
    correlation_id: o.correlationId,
    arrival_bid: o.arrival.bid,
    arrival_ask: o.arrival.ask,
    arrival_at: o.arrival.at,
    submitted_at: o.submittedAt,
    // The order last changed with its last fill.
    updated_at: o.fills[o.fills.length - 1]!.at,
  });
  const rows = o.fills.map((f, j) => {
    const row = {
      id: `fil-${String(++totals.fills).padStart(8, '0')}`,
      order_id: orderId,
      account_id: DEMO_ACCOUNT_ID,
      execution_id: `x-${seq.toString(36)}-${j.toString(36)}`,
      symbol: o.symbol,
      side: o.side,
      qty: f.qty,
      price: f.price,
      notional: f.value,
      fee: f.fee,
      filled_at: f.at,
      bid_at_fill: f.bid,
      ask_at_fill: f.ask,
    };
    write.fill.run(row);
    if (o.strategyId) write.allocation.run(row.id, o.strategyId);
    return row;
  });
  journalFilledOrder(
    write,
    { id: orderId, broker_order_id: brokerOrderId, submitted_at: o.submittedAt, avg_fill_price: avg },
    rows.map((r) => ({
      id: r.id,
      execution_id: r.execution_id,
      qty: r.qty,
      value: notional(r.qty, r.price),
      filled_at: r.filled_at,
    })),
  );
}
