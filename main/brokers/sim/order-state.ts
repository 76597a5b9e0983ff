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
    assetClass: o.assetClass,
  };
}

/** Whether an order may trade in a market phase. */
export function tradesIn(o: BrokerOrder, phase: Phase, atClose: boolean): boolean {
  if (o.timeInForce === 'cls') return atClose;
  if (phase === 'regular') return true;
  return (phase === 'pre' || phase === 'post') && o.extendedHours;
}

/**
 * Whether an open order ends on a change of market phase. Day orders end with the regular
 * session (extended-hours ones with after-hours), and every day, OPG and CLS order ends whenever
 * the market closes, however it got there (the Settings switch from always-open to sessions can
 * go from regular straight to closed in the evening). A CLS order trades at a real close
 * (regular to after-hours) first; see `isRealClose`.
 */
export function endsOnPhase(o: BrokerOrder, phase: Phase, previous: Phase): boolean {
  if (o.timeInForce === 'gtc' || o.timeInForce === 'ioc' || o.timeInForce === 'fok') return false;
  if (phase === 'closed') return true;
  if (o.timeInForce === 'day') return previous === 'regular' && !o.extendedHours;
  return previous === 'regular';
}

/**
 * The regular session ending as the calendar ends it, into after-hours (early closes too). From
 * regular straight to closed is the hours being switched at an arbitrary time: there is no
 * closing price to fill CLS orders at, so they expire instead.
 */
export const isRealClose = (phase: Phase, previous: Phase): boolean =>
  previous === 'regular' && phase === 'post';

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
