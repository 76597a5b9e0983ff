/**
 * The trading writes, each one short transaction on the writer: recording an order before it
 * is sent (so an acknowledged intent is never lost and a retry reuses its client order id),
 * applying a broker update, and recording a refusal.
 */
import type { OrderUpdate } from '../brokers/types';
import { applyOrderUpdate, type ApplyResult } from '../orders/apply';
import { appendOrderEvent, type JournalOrigin } from '../orders/journal';
import { writeTask } from '../workers/task';

export interface NewOrderRow {
  id: string;
  accountId: string;
  clientOrderId: string;
  symbol: string;
  assetClass: 'us_equity' | 'us_option';
  side: 'buy' | 'sell';
  positionEffect: 'open' | 'close' | null;
  type: string;
  timeInForce: string;
  orderClass: string;
  qty: bigint;
  limitPrice: bigint | null;
  stopPrice: bigint | null;
  trailPrice: bigint | null;
  trailBps: number | null;
  extendedHours: boolean;
  source: 'manual' | 'webhook' | 'strategy' | 'rebalance';
  replacesOrderId: string | null;
  /** A leg's parent (a replaced leg stays its parent's). */
  parentOrderId: string | null;
  arrivalBid: bigint | null;
  arrivalAsk: bigint | null;
  at: number;
}

export const tradingTasks = {
  'orders.record': writeTask<NewOrderRow, void>({
    run: (ctx, o) => {
      ctx.store.db
        .prepare(
          `INSERT INTO orders (id, account_id, client_order_id, symbol, asset_class, side, position_effect, type, time_in_force,
             order_class, qty, limit_price, stop_price, trail_price, trail_bps, extended_hours, status, source,
             replaces_order_id, parent_order_id, arrival_bid, arrival_ask, arrival_at, submitted_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_new', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          o.id,
          o.accountId,
          o.clientOrderId,
          o.symbol,
          o.assetClass,
          o.side,
          o.positionEffect,
          o.type,
          o.timeInForce,
          o.orderClass,
          o.qty,
          o.limitPrice,
          o.stopPrice,
          o.trailPrice,
          o.trailBps,
          o.extendedHours ? 1 : 0,
          o.source,
          o.replacesOrderId,
          o.parentOrderId,
          o.arrivalBid,
          o.arrivalAsk,
          o.at,
          o.at,
          o.at,
        );
      appendOrderEvent(ctx.store.db, {
        orderId: o.id,
        at: o.at,
        kind: 'submitted',
        status: 'pending_new',
        filledQty: 0n,
        avgFillPrice: null,
        origin: 'keel',
      });
    },
  }),

  'orders.apply': writeTask<{ accountId: string; update: OrderUpdate; origin: JournalOrigin }, ApplyResult>({
    run: (ctx, { accountId, update, origin }) => applyOrderUpdate(ctx.store.db, accountId, update, origin),
  }),

  /** The broker refused the order outright (nothing was placed): journal it as rejected. */
  'orders.refused': writeTask<{ orderId: string; at: number; message: string; payload: string }, void>({
    run: (ctx, r) => {
      appendOrderEvent(ctx.store.db, {
        orderId: r.orderId,
        at: r.at,
        kind: 'rejected',
        status: 'rejected',
        filledQty: 0n,
        avgFillPrice: null,
        message: r.message,
        origin: 'broker',
        payload: r.payload,
      });
    },
  }),
};
