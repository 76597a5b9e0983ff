/**
 * Between the contract's decimal strings and the engine's scaled integers, for orders and fills.
 */
import type { Fill, Order, OrderRequest } from '../contract/trading';
import { fmtMoney, fmtPrice, fmtQty, parseScaled, MONEY_SCALE, QTY_SCALE } from '../domain/fixed';
import type { OrderRequest as BrokerRequest } from '../brokers/types';

export const toMicros = (d: string): bigint => parseScaled(d, MONEY_SCALE);
export const toNanos = (d: string): bigint => parseScaled(d, QTY_SCALE);

/** The broker port's request for a validated contract request. */
export function brokerRequest(req: OrderRequest, clientOrderId: string): BrokerRequest {
  // An OCO is its take-profit limit order: the limit price may be given once, on the leg.
  const limitPrice = req.limitPrice ?? (req.orderClass === 'oco' ? req.takeProfit?.limitPrice : undefined);
  const sl = req.stopLoss;
  return {
    clientOrderId,
    symbol: req.symbol,
    assetClass: req.assetClass,
    side: req.side,
    ...(req.positionIntent ? { positionIntent: req.positionIntent } : {}),
    type: req.type,
    timeInForce: req.timeInForce,
    qty: toNanos(req.qty),
    ...(limitPrice ? { limitPrice: toMicros(limitPrice) } : {}),
    ...(req.stopPrice ? { stopPrice: toMicros(req.stopPrice) } : {}),
    ...(req.trailPrice ? { trail: { kind: 'price' as const, amount: toMicros(req.trailPrice) } } : {}),
    ...(req.trailPercent
      ? { trail: { kind: 'percent' as const, bps: Number(parseScaled(req.trailPercent, 2)) } }
      : {}),
    extendedHours: req.extendedHours,
    orderClass: req.orderClass,
    ...(req.takeProfit ? { takeProfit: { limitPrice: toMicros(req.takeProfit.limitPrice) } } : {}),
    ...(sl
      ? {
          stopLoss: {
            stopPrice: toMicros(sl.stopPrice),
            ...(sl.limitPrice ? { limitPrice: toMicros(sl.limitPrice) } : {}),
          },
        }
      : {}),
  };
}

/** An order row as the store keeps it (statements with safeIntegers). */
export interface OrderRow {
  id: string;
  account_id: string;
  client_order_id: string;
  broker_order_id: string | null;
  symbol: string;
  asset_class: 'us_equity' | 'us_option';
  side: 'buy' | 'sell';
  position_effect: 'open' | 'close' | null;
  type: Order['type'];
  time_in_force: Order['timeInForce'];
  order_class: Order['orderClass'];
  qty: bigint | null;
  notional: bigint | null;
  filled_qty: bigint;
  avg_fill_price: bigint | null;
  limit_price: bigint | null;
  stop_price: bigint | null;
  trail_price: bigint | null;
  trail_bps: bigint | null;
  extended_hours: bigint;
  status: Order['status'];
  source: Order['source'];
  parent_order_id: string | null;
  replaces_order_id: string | null;
  replaced_by_order_id: string | null;
  reject_reason: string | null;
  submitted_at: bigint;
  updated_at: bigint;
}

const iso = (ms: bigint | number) => new Date(Number(ms)).toISOString();
const price = (v: bigint | null) => (v === null ? null : fmtPrice(v));

export function orderDto(r: OrderRow): Order {
  return {
    id: r.id,
    accountId: r.account_id,
    clientOrderId: r.client_order_id,
    brokerOrderId: r.broker_order_id,
    symbol: r.symbol,
    assetClass: r.asset_class,
    side: r.side,
    positionEffect: r.position_effect,
    type: r.type,
    timeInForce: r.time_in_force,
    orderClass: r.order_class,
    qty: fmtQty(r.qty ?? 0n),
    filledQty: fmtQty(r.filled_qty),
    avgFillPrice: price(r.avg_fill_price),
    limitPrice: price(r.limit_price),
    stopPrice: price(r.stop_price),
    trailPrice: price(r.trail_price),
    trailPercent: r.trail_bps === null ? null : (Number(r.trail_bps) / 100).toString(),
    extendedHours: r.extended_hours === 1n,
    status: r.status,
    source: r.source,
    parentOrderId: r.parent_order_id,
    replacesOrderId: r.replaces_order_id,
    replacedByOrderId: r.replaced_by_order_id,
    rejectReason: r.reject_reason,
    submittedAt: iso(r.submitted_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface FillRow {
  id: string;
  order_id: string;
  account_id: string;
  execution_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: bigint;
  price: bigint;
  fee: bigint;
  filled_at: bigint;
}

export function fillDto(r: FillRow): Fill {
  return {
    id: r.id,
    orderId: r.order_id,
    accountId: r.account_id,
    executionId: r.execution_id,
    symbol: r.symbol,
    side: r.side,
    qty: fmtQty(r.qty),
    price: fmtPrice(r.price),
    fee: fmtMoney(r.fee),
    filledAt: iso(r.filled_at),
  };
}
