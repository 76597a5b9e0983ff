/**
 * The broker port's domain types, shared by every adapter (simulated, Alpaca, Tradier).
 *
 * Amounts are exact scaled integers as the store keeps them: money and prices in micro-dollars
 * (1e-6), quantities in nano-units (1e-9 shares or contracts). Option prices are per share, as
 * quoted; a contract's cash value is price × 100 (domain/instruments). Instants are epoch ms UTC.
 */
import type { z } from 'zod';
import {
  type OrderClass as OrderClassSchema,
  type OrderStatus as OrderStatusSchema,
  type OrderType as OrderTypeSchema,
  type TimeInForce as TimeInForceSchema,
} from '../contract/trading';
import type { AssetClass } from '../domain/instruments';

export type { AssetClass };
/** Micro-dollars. */
export type Micros = bigint;
/** Nano-units of a share or contract. */
export type Nanos = bigint;

export type Side = 'buy' | 'sell';
/** Options: what the order does to the position. Equities: left out (a sell below zero is a short). */
export type PositionIntent = 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';
// One list of each, in the contract: the port, the journal's checks and the pages share them.
export type OrderType = z.infer<typeof OrderTypeSchema>;
export type TimeInForce = z.infer<typeof TimeInForceSchema>;
export type OrderClass = z.infer<typeof OrderClassSchema>;

/**
 * Order states, normalised across brokers (Alpaca's accepted/pending_new → pending_new,
 * Tradier's open → new, …). `held` is a child leg waiting for its parent to fill.
 */
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** States after which an order never changes again. */
export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'canceled',
  'replaced',
  'expired',
  'rejected',
]);

export function isOpenStatus(status: OrderStatus): boolean {
  return !FINAL_STATUSES.has(status);
}

/** A trailing stop trails by a price amount or by a percentage (in basis points). */
export type Trail = { kind: 'price'; amount: Micros } | { kind: 'percent'; bps: number };

export interface OrderRequest {
  /** Our idempotency key: the broker refuses a second order with it. ≤ 48 chars, [A-Za-z0-9-]. */
  clientOrderId: string;
  /** Equity ticker, or the OCC symbol of an option contract (SPY261218P00481000). */
  symbol: string;
  assetClass: AssetClass;
  side: Side;
  positionIntent?: PositionIntent;
  type: OrderType;
  timeInForce: TimeInForce;
  qty: Nanos;
  limitPrice?: Micros;
  stopPrice?: Micros;
  trail?: Trail;
  extendedHours: boolean;
  orderClass: OrderClass;
  /** Bracket / OCO exit legs. */
  takeProfit?: { limitPrice: Micros };
  stopLoss?: { stopPrice: Micros; limitPrice?: Micros };
}

export interface BrokerOrder {
  brokerOrderId: string;
  clientOrderId: string;
  symbol: string;
  assetClass: AssetClass;
  side: Side;
  positionIntent: PositionIntent | null;
  type: OrderType;
  timeInForce: TimeInForce;
  orderClass: OrderClass;
  qty: Nanos;
  filledQty: Nanos;
  /** Volume-weighted over the fills so far; null before the first. */
  avgFillPrice: Micros | null;
  limitPrice: Micros | null;
  stopPrice: Micros | null;
  trail: Trail | null;
  extendedHours: boolean;
  status: OrderStatus;
  /** Legs of a bracket/OCO/OTO point at their parent. */
  parentBrokerOrderId: string | null;
  /** The order that replaced this one, and the one this one replaced. */
  replacedBy: string | null;
  replaces: string | null;
  rejectReason: string | null;
  submittedAt: number;
  updatedAt: number;
}

/** One execution. `qty` is this fill's; cumulative figures are on the order. */
export interface BrokerFill {
  /** The venue's execution id: the key that drops duplicates. */
  executionId: string;
  brokerOrderId: string;
  clientOrderId: string | null;
  symbol: string;
  assetClass: AssetClass;
  side: Side;
  qty: Nanos;
  price: Micros;
  /** Commission plus regulatory fees charged on this fill. */
  fee: Micros;
  at: number;
  /** The order's cumulative filled quantity after this fill, and what is left. */
  cumQty: Nanos;
  leavesQty: Nanos;
}

export type OrderEventKind =
  | 'pending_new'
  /** A leg created waiting for its parent (bracket, OTO). */
  | 'held'
  | 'new'
  | 'partial_fill'
  | 'fill'
  | 'pending_cancel'
  | 'canceled'
  | 'pending_replace'
  | 'replaced'
  | 'expired'
  | 'rejected'
  | 'done_for_day';

/** One event of the order-updates stream: the order as it is after the event, and the fill if any. */
export interface OrderUpdate {
  kind: OrderEventKind;
  order: BrokerOrder;
  fill: BrokerFill | null;
  at: number;
  /** Where this event came from, for the journal: the raw venue message or the simulator's record. */
  source: string;
}

export interface BrokerAccount {
  equity: Micros;
  cash: Micros;
  buyingPower: Micros;
  /** Long market value minus short market value. */
  longMarketValue: Micros;
  shortMarketValue: Micros;
  daytradeCount: number;
  patternDayTrader: boolean;
  tradingBlocked: boolean;
}

export interface BrokerPosition {
  symbol: string;
  assetClass: AssetClass;
  /** Negative for a short. */
  qty: Nanos;
  avgEntryPrice: Micros;
  costBasis: Micros;
  currentPrice: Micros;
}

export interface Quote {
  symbol: string;
  bid: Micros;
  ask: Micros;
  bidSize: number;
  askSize: number;
  /** Last trade, when the feed carries it. */
  last: Micros | null;
  at: number;
}

export type BarTimeframe = '1Min' | '5Min' | '15Min' | '1Hour' | '1Day';

export interface Bar {
  ts: number;
  open: Micros;
  high: Micros;
  low: Micros;
  close: Micros;
  volume: number;
}
