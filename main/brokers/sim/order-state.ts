/** Small pure helpers between the venue's orders and the matching engine. */
import type { Phase } from '../../domain/sessions';
import { averageEntry, type Holding } from '../../domain/holdings';
import type { BrokerOrder, BrokerPosition, Micros, OrderRequest } from '../types';
import type { Working } from './matching';

/** The port's view of a holding, marked at a price. */
export function toPosition(h: Holding, mark: Micros): BrokerPosition {
  return {
    symbol: h.symbol,
    assetClass: h.assetClass === 'us_option' ? 'us_option' : 'us_equity',
    qty: h.qty,
    avgEntryPrice: averageEntry(h),
    costBasis: h.costBasis,
    currentPrice: mark,
  };
}

export function workingOf(o: BrokerOrder): Working {
  return {
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    leaves: o.qty - o.filledQty,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    trail: o.trail,
    triggered: false,
    anchor: null,
  };
}

/** Whether an order may trade in a market phase. */
export function tradesIn(o: BrokerOrder, phase: Phase, atClose: boolean): boolean {
  if (o.timeInForce === 'cls') return atClose;
  if (phase === 'regular') return true;
  return (phase === 'pre' || phase === 'post') && o.extendedHours;
}

export function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A request as the venue's new order, acknowledged (status new). */
export function newOrder(req: OrderRequest, brokerOrderId: string, now: number): BrokerOrder {
  return {
    brokerOrderId,
    clientOrderId: req.clientOrderId,
    symbol: req.symbol,
    assetClass: req.assetClass,
    side: req.side,
    positionIntent: req.positionIntent ?? null,
    type: req.type,
    timeInForce: req.timeInForce,
    orderClass: req.orderClass,
    qty: req.qty,
    filledQty: 0n,
    avgFillPrice: null,
    limitPrice: req.limitPrice ?? null,
    stopPrice: req.stopPrice ?? null,
    trail: req.trail ?? null,
    extendedHours: req.extendedHours,
    status: 'new',
    parentBrokerOrderId: null,
    replacedBy: null,
    replaces: null,
    rejectReason: null,
    submittedAt: now,
    updatedAt: now,
  };
}
