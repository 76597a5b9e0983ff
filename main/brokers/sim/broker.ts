/**
 * The simulated broker: a venue inside Keel that behaves as the real adapters will — orders
 * acknowledged, then filled on the market's quotes by the fill model (matching.ts), fees charged
 * (fees.ts), positions and cash kept exactly (accounting.ts), every change on the order-updates
 * stream with the fill's own quantity, the cumulative quantity and an execution id. Its state is
 * saved after every change (venue.ts), so open orders survive a restart.
 */
import type { Clock } from '../../core/clock';
import type { Phase } from '../../domain/sessions';
import type { QuoteSource } from '../../market/sim/feed';
import { unsupported, type BrokerCapabilities } from '../capabilities';
import { BrokerError } from '../errors';
import type {
  Broker,
  FillPage,
  OrderChanges,
  OrderQuery,
  OrderRef,
  OrderUpdateHandlers,
  Subscription,
} from '../port';
import {
  isOpenStatus,
  type Bar,
  type BarTimeframe,
  type BrokerAccount,
  type BrokerFill,
  type BrokerOrder,
  type BrokerPosition,
  type Micros,
  type OrderEventKind,
  type OrderRequest,
  type Quote,
} from '../types';
import { fmtMoney } from '../../domain/fixed';
import { applyFill, averageEntry, cashValue, marketValue, type Holding } from '../../domain/holdings';
import { DEFAULT_FEES, feesFor, type FeeSchedule } from './fees';
import { DEFAULT_FILL_MODEL, match, type FillModel, type Working } from './matching';
import { emptyVenue, type VenueOrder, type VenueState, type VenueStore } from './venue';

export const SIM_CAPABILITIES: BrokerCapabilities = {
  assetClasses: ['us_equity'],
  orderTypes: ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'],
  timeInForce: ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'],
  orderClasses: ['simple'],
  extendedHours: true,
  fractional: true,
  shortSelling: true,
  replace: true,
  preview: true,
};

/** Overnight margin: buying power is twice the equity not already used by open positions. */
const MARGIN_MULTIPLIER = 2n;

export interface SimBrokerOptions {
  accountId: string;
  clock: Clock;
  market: QuoteSource;
  store: VenueStore;
  startingCash: Micros;
  fillModel?: FillModel;
  fees?: FeeSchedule;
  /** Prefix of the venue's order and execution ids. */
  idPrefix?: string;
  /** Bars for charts: the cache's history joined with the running market's (market/sim/bars.ts). */
  bars?: (symbol: string, timeframe: BarTimeframe, from: number, to: number) => Bar[];
  log?: (line: string) => void;
}

interface StreamClient {
  handlers: OrderUpdateHandlers;
  connected: boolean;
}

export class SimBroker implements Broker {
  readonly kind = 'sim' as const;
  readonly live = false;
  readonly capabilities = SIM_CAPABILITIES;
  readonly accountId: string;
  private readonly state: VenueState;
  private readonly clients = new Set<StreamClient>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly prefix: string;
  /** What changed since the last commit to the store. */
  private readonly dirtyOrders = new Set<VenueOrder>();
  private readonly dirtyHoldings = new Set<string>();
  private newFills: BrokerFill[] = [];

  constructor(private readonly opts: SimBrokerOptions) {
    this.accountId = opts.accountId;
    this.prefix = opts.idPrefix ?? 'sim';
    this.state = opts.store.load() ?? emptyVenue(opts.startingCash);
    this.unsubscribe.push(opts.market.subscribe((q) => this.onQuote(q)));
    this.unsubscribe.push(opts.market.onPhase((phase, previous) => this.onPhase(phase, previous)));
  }

  // ── Queries ─────────────────────────────────────────────────────────────────────────────

  async account(): Promise<BrokerAccount> {
    return this.accountNow();
  }

  async positions(): Promise<BrokerPosition[]> {
    return this.state.holdings.filter((h) => h.qty !== 0n).map((h) => toPosition(h, this.mark(h.symbol)));
  }

  async listOrders(query: OrderQuery): Promise<BrokerOrder[]> {
    const all = this.state.orders
      .map((o) => o.order)
      .filter((o) => (query.after === undefined ? true : o.submittedAt >= query.after))
      .filter((o) => query.status === 'all' || isOpenStatus(o.status) === (query.status === 'open'))
      .sort((a, b) => b.submittedAt - a.submittedAt || (b.brokerOrderId < a.brokerOrderId ? -1 : 1));
    return structuredClone(query.limit === undefined ? all : all.slice(0, query.limit));
  }

  async getOrder(ref: OrderRef): Promise<BrokerOrder | null> {
    const found = this.find(ref);
    return found ? structuredClone(found.order) : null;
  }

  async fillsSince(cursor: string | null, limit = 500): Promise<FillPage> {
    const start = cursor === null ? 0 : Number(cursor);
    if (!Number.isInteger(start) || start < 0)
      throw new BrokerError('invalid_order', `bad fills cursor ${cursor}`);
    const fills = this.state.fills.slice(start, start + limit);
    return {
      fills: structuredClone(fills),
      cursor: fills.length === 0 ? cursor : String(start + fills.length),
    };
  }

  async latestQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const out = new Map<string, Quote>();
    for (const s of symbols) {
      const q = this.opts.market.latest(s);
      if (q) out.set(s, q);
    }
    return out;
  }

  async bars(symbol: string, timeframe: BarTimeframe, from: number, to: number): Promise<Bar[]> {
    if (!(from < to))
      throw new BrokerError('invalid_order', `bars: from must be before to (${from} ≥ ${to})`);
    return this.opts.bars?.(symbol, timeframe, from, to) ?? [];
  }

  // ── Orders ──────────────────────────────────────────────────────────────────────────────

  async placeOrder(req: OrderRequest): Promise<BrokerOrder> {
    this.validate(req);
    this.refuseDuplicate(req.clientOrderId);
    const quote = this.opts.market.latest(req.symbol);
    if (!quote)
      throw new BrokerError('invalid_order', `No market for ${req.symbol}.`, '40010001', 'asset not found');
    this.checkBuyingPower(req, quote);

    const now = this.opts.clock.now();
    const order: BrokerOrder = {
      brokerOrderId: `${this.prefix}-${this.state.nextOrder++}`,
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
    const entry: VenueOrder = { order, working: workingOf(order) };
    this.state.orders.push(entry);
    this.dirtyOrders.add(entry);
    this.emit('new', entry.order, null);
    const answer = structuredClone(order);
    this.work(entry, quote, this.opts.market.phase(now).phase);
    await this.save();
    return answer;
  }

  async cancelOrder(brokerOrderId: string): Promise<void> {
    const entry = this.working(brokerOrderId, 'canceled');
    this.finish(entry, 'canceled', 'canceled');
    await this.save();
  }

  async replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder> {
    const entry = this.working(brokerOrderId, 'replaced');
    const old = entry.order;
    const request: OrderRequest = {
      clientOrderId: changes.clientOrderId,
      symbol: old.symbol,
      assetClass: old.assetClass,
      side: old.side,
      ...(old.positionIntent ? { positionIntent: old.positionIntent } : {}),
      type: old.type,
      timeInForce: changes.timeInForce ?? old.timeInForce,
      qty: changes.qty ?? old.qty - old.filledQty,
      ...optional('limitPrice', changes.limitPrice ?? old.limitPrice),
      ...optional('stopPrice', changes.stopPrice ?? old.stopPrice),
      ...optional('trail', changes.trail ?? old.trail),
      extendedHours: old.extendedHours,
      orderClass: old.orderClass,
    };
    this.validate(request);
    this.refuseDuplicate(request.clientOrderId);
    const now = this.opts.clock.now();
    const replacement: BrokerOrder = {
      ...structuredClone(old),
      brokerOrderId: `${this.prefix}-${this.state.nextOrder++}`,
      clientOrderId: request.clientOrderId,
      timeInForce: request.timeInForce,
      qty: request.qty,
      filledQty: 0n,
      avgFillPrice: null,
      limitPrice: request.limitPrice ?? null,
      stopPrice: request.stopPrice ?? null,
      trail: request.trail ?? null,
      status: 'new',
      replaces: old.brokerOrderId,
      replacedBy: null,
      submittedAt: now,
      updatedAt: now,
    };
    old.replacedBy = replacement.brokerOrderId;
    this.finish(entry, 'replaced', 'replaced');
    const next: VenueOrder = { order: replacement, working: workingOf(replacement) };
    this.state.orders.push(next);
    this.dirtyOrders.add(next);
    this.emit('new', replacement, null);
    const answer = structuredClone(replacement);
    const quote = this.opts.market.latest(old.symbol);
    if (quote) this.work(next, quote, this.opts.market.phase(now).phase);
    await this.save();
    return answer;
  }

  // ── Streams ─────────────────────────────────────────────────────────────────────────────

  streamOrderUpdates(handlers: OrderUpdateHandlers): Subscription {
    const client: StreamClient = { handlers, connected: true };
    this.clients.add(client);
    handlers.state?.('live');
    return {
      close: () => {
        this.clients.delete(client);
        handlers.state?.('closed');
      },
    };
  }

  streamQuotes(symbols: readonly string[], onQuote: (quote: Quote) => void): Subscription {
    const wanted = new Set(symbols);
    const off = this.opts.market.subscribe((q) => {
      if (wanted.has(q.symbol)) onQuote(q);
    });
    return { close: off };
  }

  /** Fault injection: the order stream drops; events meanwhile are lost until `reconnectStreams`. */
  dropStreams(): void {
    for (const c of this.clients) {
      c.connected = false;
      c.handlers.state?.('reconnecting');
    }
  }

  reconnectStreams(): void {
    for (const c of this.clients) {
      c.connected = true;
      c.handlers.state?.('live');
    }
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    for (const c of [...this.clients]) c.handlers.state?.('closed');
    this.clients.clear();
  }

  // ── The venue at work ───────────────────────────────────────────────────────────────────

  private onQuote(quote: Quote): void {
    const phase = this.opts.market.phase(quote.at).phase;
    let changed = false;
    for (const entry of this.state.orders) {
      if (entry.working && entry.order.symbol === quote.symbol)
        changed = this.work(entry, quote, phase) || changed;
    }
    if (changed) this.saveInBackground();
  }

  private onPhase(phase: Phase, previous: Phase): void {
    let changed = false;
    for (const entry of this.state.orders) {
      const o = entry.order;
      if (!entry.working) continue;
      if (previous === 'regular' && o.timeInForce === 'cls') {
        const q = this.opts.market.latest(o.symbol);
        if (q) this.work(entry, q, 'regular', true);
        if (entry.working) this.finish(entry, 'expired', 'expired');
        changed = true;
      } else if (
        o.timeInForce === 'day' &&
        (previous === 'regular' ? !o.extendedHours : phase === 'closed')
      ) {
        // Day orders end with their session: the regular one, or after-hours for extended orders.
        this.finish(entry, 'expired', 'expired');
        changed = true;
      } else if (o.timeInForce === 'opg' && previous === 'regular') {
        this.finish(entry, 'expired', 'expired');
        changed = true;
      }
    }
    if (changed) this.saveInBackground();
  }

  /** Lets an open order trade on a quote; true when anything changed. */
  private work(entry: VenueOrder, quote: Quote, phase: Phase, atClose = false): boolean {
    const w = entry.working;
    if (!w || !tradesIn(entry.order, phase, atClose)) return false;
    const result = match(w, quote, this.opts.fillModel ?? DEFAULT_FILL_MODEL);
    entry.working = result.next;
    this.dirtyOrders.add(entry);
    for (const e of result.executions) this.execute(entry, e.qty, e.price, quote);
    if (entry.working && entry.working.leaves === 0n) entry.working = null;
    if (result.cancelRest && entry.working) this.finish(entry, 'canceled', 'canceled');
    return (
      result.executions.length > 0 ||
      result.cancelRest ||
      result.next.triggered !== w.triggered ||
      result.next.anchor !== w.anchor
    );
  }

  private execute(entry: VenueOrder, qty: bigint, price: Micros, quote: Quote): void {
    const o = entry.order;
    const at = Math.max(this.opts.clock.now(), quote.at);
    const fee = feesFor(
      { assetClass: o.assetClass, side: o.side, qty, notional: cashValue(qty, price, o.assetClass), at },
      this.opts.fees ?? DEFAULT_FEES,
    ).total;
    const holdingIndex = this.state.holdings.findIndex((h) => h.symbol === o.symbol);
    const { holding, cash } = applyFill(this.state.holdings[holdingIndex], {
      symbol: o.symbol,
      assetClass: o.assetClass,
      side: o.side,
      qty,
      price,
      fee,
    });
    if (holdingIndex >= 0) this.state.holdings[holdingIndex] = holding;
    else this.state.holdings.push(holding);
    this.state.cash += cash;
    this.dirtyHoldings.add(o.symbol);

    const cumQty = o.filledQty + qty;
    // Volume-weighted average, rounded half up to the micro-dollar.
    const prevValue = o.avgFillPrice === null ? 0n : o.avgFillPrice * o.filledQty;
    o.avgFillPrice = (prevValue + price * qty + cumQty / 2n) / cumQty;
    o.filledQty = cumQty;
    o.status = cumQty === o.qty ? 'filled' : 'partially_filled';
    o.updatedAt = at;
    const fill: BrokerFill = {
      executionId: `${this.prefix}-x${this.state.nextExecution++}`,
      brokerOrderId: o.brokerOrderId,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      assetClass: o.assetClass,
      side: o.side,
      qty,
      price,
      fee,
      at,
      cumQty,
      leavesQty: o.qty - cumQty,
    };
    this.state.fills.push(fill);
    this.newFills.push(fill);
    if (o.status === 'filled') entry.working = null;
    this.emit(o.status === 'filled' ? 'fill' : 'partial_fill', o, fill);
  }

  private finish(entry: VenueOrder, status: 'canceled' | 'expired' | 'replaced', kind: OrderEventKind): void {
    entry.working = null;
    this.dirtyOrders.add(entry);
    entry.order.status = status;
    entry.order.updatedAt = this.opts.clock.now();
    this.emit(kind, entry.order, null);
  }

  private emit(kind: OrderEventKind, order: BrokerOrder, fill: BrokerFill | null): void {
    const at = fill?.at ?? order.updatedAt;
    const source = JSON.stringify({
      venue: 'sim',
      event: kind,
      order: order.brokerOrderId,
      execution: fill?.executionId ?? null,
    });
    for (const c of this.clients) {
      if (!c.connected) continue;
      c.handlers.update({
        kind,
        order: structuredClone(order),
        fill: fill ? structuredClone(fill) : null,
        at,
        source,
      });
    }
  }

  /** Commits what changed; orders wait for it, quote ticks queue it (the writer keeps the order). */
  private save(): Promise<void> {
    const committed = this.opts.store.commit({
      fillsFrom: this.state.fills.length - this.newFills.length,
      cash: this.state.cash,
      nextOrder: this.state.nextOrder,
      nextExecution: this.state.nextExecution,
      orders: [...this.dirtyOrders],
      fills: this.newFills,
      holdings: this.state.holdings.filter((h) => this.dirtyHoldings.has(h.symbol)),
    });
    this.dirtyOrders.clear();
    this.dirtyHoldings.clear();
    this.newFills = [];
    return Promise.resolve(committed);
  }

  private saveInBackground(): void {
    this.save().catch((err: unknown) =>
      this.opts.log?.(
        `the simulated venue could not save its state: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }

  // ── Rules ───────────────────────────────────────────────────────────────────────────────

  private validate(req: OrderRequest): void {
    const bad = (field: string, message: string) =>
      new BrokerError('invalid_order', `${field}: ${message}`, '40010001', message);
    if (!/^[A-Za-z0-9-]{1,48}$/.test(req.clientOrderId))
      throw bad('clientOrderId', 'must be 1–48 letters, digits or hyphens');
    if (req.qty <= 0n) throw bad('qty', 'must be positive');
    const why = unsupported(req, this.capabilities);
    if (why) throw bad('order', why);
    const needsLimit = req.type === 'limit' || req.type === 'stop_limit';
    const needsStop = req.type === 'stop' || req.type === 'stop_limit';
    if (needsLimit !== (req.limitPrice !== undefined))
      throw bad('limitPrice', needsLimit ? 'required' : 'not allowed');
    if (needsStop !== (req.stopPrice !== undefined))
      throw bad('stopPrice', needsStop ? 'required' : 'not allowed');
    if ((req.type === 'trailing_stop') !== (req.trail !== undefined))
      throw bad('trail', req.type === 'trailing_stop' ? 'required' : 'not allowed');
    for (const [field, value] of [
      ['limitPrice', req.limitPrice],
      ['stopPrice', req.stopPrice],
    ] as const)
      if (value !== undefined && value <= 0n) throw bad(field, 'must be positive');
    if (req.trail && (req.trail.kind === 'price' ? req.trail.amount <= 0n : req.trail.bps <= 0))
      throw bad('trail', 'must be positive');
    if (req.extendedHours && (req.type !== 'limit' || req.timeInForce !== 'day'))
      throw bad('extendedHours', 'only limit orders with time in force day trade outside regular hours');
    if (
      (req.timeInForce === 'opg' || req.timeInForce === 'cls') &&
      req.type !== 'market' &&
      req.type !== 'limit'
    )
      throw bad('timeInForce', `${req.timeInForce} takes market and limit orders only`);
    const phase = this.opts.market.phase().phase;
    if (req.timeInForce === 'opg' && phase === 'regular')
      throw new BrokerError(
        'rejected',
        'Opening orders are accepted only before the open.',
        '42210000',
        'opg orders must be submitted before the open',
      );
  }

  private checkBuyingPower(req: OrderRequest, quote: Quote): void {
    const holding = this.state.holdings.find((h) => h.symbol === req.symbol);
    const held = holding?.qty ?? 0n;
    // Only the part of the order that adds exposure needs buying power.
    const reduces = req.side === 'buy' ? (held < 0n ? -held : 0n) : held > 0n ? held : 0n;
    const adds = req.qty > reduces ? req.qty - reduces : 0n;
    if (adds === 0n) return;
    const price = req.limitPrice ?? (req.side === 'buy' ? quote.ask : quote.bid);
    const needed = cashValue(adds, price, req.assetClass);
    const { buyingPower } = this.accountNow();
    if (needed > buyingPower)
      throw new BrokerError(
        'insufficient_buying_power',
        `Insufficient buying power: the order needs $${fmtMoney(needed)}, $${fmtMoney(buyingPower)} is available.`,
        '40310000',
        'insufficient buying power',
      );
  }

  private accountNow(): BrokerAccount {
    let long = 0n;
    let short = 0n;
    for (const h of this.state.holdings) {
      const v = marketValue(h, this.mark(h.symbol));
      if (v > 0n) long += v;
      else short += v;
    }
    const equity = this.state.cash + long + short;
    const used = long - short;
    const free = equity * MARGIN_MULTIPLIER - used;
    return {
      equity,
      cash: this.state.cash,
      buyingPower: free > 0n ? free : 0n,
      longMarketValue: long,
      shortMarketValue: short,
      daytradeCount: 0,
      patternDayTrader: false,
      tradingBlocked: false,
    };
  }

  /** Mark price: the quote's mid, else the last fill's price. */
  private mark(symbol: string): Micros {
    const q = this.opts.market.latest(symbol);
    if (q) return (q.bid + q.ask) / 2n;
    const last = [...this.state.fills].reverse().find((f) => f.symbol === symbol);
    return last?.price ?? 0n;
  }

  /** Refuses a client order id the venue has seen, as Alpaca does (the first order stands). */
  private refuseDuplicate(clientOrderId: string): void {
    if (this.find({ clientOrderId }))
      throw new BrokerError(
        'duplicate_client_order_id',
        `An order with client order id ${clientOrderId} exists already.`,
        '40010001',
        'client_order_id must be unique',
      );
  }

  /** An order that can still be changed, or the broker's refusal to change it. */
  private working(brokerOrderId: string, verb: 'canceled' | 'replaced'): VenueOrder {
    const entry = this.find({ brokerOrderId });
    if (!entry)
      throw new BrokerError('not_found', `No order ${brokerOrderId}.`, '40410000', 'order not found');
    if (!isOpenStatus(entry.order.status))
      throw new BrokerError(
        'not_cancelable',
        `Order ${brokerOrderId} is ${entry.order.status} and can no longer be ${verb}.`,
        '42210000',
        `order is already in "${entry.order.status}" state`,
      );
    return entry;
  }

  private find(ref: OrderRef): VenueOrder | undefined {
    return 'brokerOrderId' in ref
      ? this.state.orders.find((o) => o.order.brokerOrderId === ref.brokerOrderId)
      : this.state.orders.find((o) => o.order.clientOrderId === ref.clientOrderId);
  }
}

/** The port's view of a holding, marked at a price. */
function toPosition(h: Holding, mark: Micros): BrokerPosition {
  return {
    symbol: h.symbol,
    assetClass: h.assetClass === 'us_option' ? 'us_option' : 'us_equity',
    qty: h.qty,
    avgEntryPrice: averageEntry(h),
    costBasis: h.costBasis,
    currentPrice: mark,
  };
}

function workingOf(o: BrokerOrder): Working {
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
function tradesIn(o: BrokerOrder, phase: Phase, atClose: boolean): boolean {
  if (o.timeInForce === 'cls') return atClose;
  if (phase === 'regular') return true;
  return (phase === 'pre' || phase === 'post') && o.extendedHours;
}

function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
