/**
 * The broker port: what the engine needs from any broker. Adapters (sim/, alpaca/, tradier/)
 * implement it and are handed to the engine at start; the conformance suite (conformance/) holds
 * every adapter to the same behaviour. Failures are BrokerErrors (errors.ts).
 */
import type { BrokerCapabilities } from './capabilities';
import type {
  Bar,
  BarTimeframe,
  BrokerAccount,
  BrokerFill,
  BrokerOrder,
  BrokerPosition,
  Micros,
  Nanos,
  OrderRequest,
  OrderUpdate,
  Quote,
  TimeInForce,
  Trail,
} from './types';

export interface OrderChanges {
  /** The replacement's own client order id (a replace is a new order at the broker). */
  clientOrderId: string;
  qty?: Nanos;
  limitPrice?: Micros;
  stopPrice?: Micros;
  trail?: Trail;
  timeInForce?: TimeInForce;
}

export type OrderRef = { brokerOrderId: string } | { clientOrderId: string };

export interface OrderQuery {
  status: 'open' | 'closed' | 'all';
  /** Only orders submitted at or after this instant. */
  after?: number;
  limit?: number;
}

export interface FillPage {
  fills: BrokerFill[];
  /** Pass back to get the fills after these; null when there were none. */
  cursor: string | null;
}

/** A stream's life, for the status bar and for reconciliation after a reconnect. */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface Subscription {
  close(): void;
}

export interface OrderUpdateHandlers {
  update(event: OrderUpdate): void;
  /** Called with 'live' after every (re)connection: the moment to reconcile what was missed. */
  state?(state: StreamState): void;
}

export interface Broker {
  /** The Keel account this adapter serves. */
  readonly accountId: string;
  readonly kind: 'sim' | 'alpaca' | 'tradier';
  /** Real money: the UI marks it LIVE and asks for a typed confirmation. */
  readonly live: boolean;
  readonly capabilities: BrokerCapabilities;

  account(): Promise<BrokerAccount>;
  positions(): Promise<BrokerPosition[]>;
  listOrders(query: OrderQuery): Promise<BrokerOrder[]>;
  /** Null when the broker does not know the order. */
  getOrder(ref: OrderRef): Promise<BrokerOrder | null>;
  /**
   * Places an order. The answer is the order as accepted (usually pending_new or new); fills
   * arrive on the order-updates stream. A 'duplicate_client_order_id' error means an order with
   * this id exists already (look it up); 'unavailable' means the outcome is unknown.
   */
  placeOrder(request: OrderRequest): Promise<BrokerOrder>;
  /** Asks to cancel; the outcome (canceled, or filled first) arrives on the stream. */
  cancelOrder(brokerOrderId: string): Promise<void>;
  /** Asks to replace; answers the new order. The old one may still fill first. */
  replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder>;
  /** Executions after a cursor (null: from the beginning), oldest first. */
  fillsSince(cursor: string | null, limit?: number): Promise<FillPage>;
  latestQuotes(symbols: readonly string[]): Promise<Map<string, Quote>>;
  bars(symbol: string, timeframe: BarTimeframe, from: number, to: number): Promise<Bar[]>;
  streamOrderUpdates(handlers: OrderUpdateHandlers): Subscription;
  streamQuotes(symbols: readonly string[], onQuote: (quote: Quote) => void): Subscription;
  /** Stops streams and timers. */
  close(): Promise<void>;
}
