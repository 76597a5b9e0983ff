/**
 * The simulated broker: a venue inside Keel that behaves as the real adapters will — orders
 * acknowledged, then filled on the market's quotes by the fill model (matching.ts), fees charged
 * (fees.ts), positions and cash kept exactly (accounting.ts), every change on the order-updates
 * stream with the fill's own quantity, the cumulative quantity and an execution id. Its state is
 * saved after every change (venue.ts), so open orders survive a restart. Order classes (bracket,
 * OCO, OTO) follow classes.ts; option contracts are quoted from their underlying
 * (option-quotes.ts) and traded with position intents (rules.ts).
 *
 * Expiry: the simulator does not yet exercise, assign or expire contracts at their expiration.
 * After it, a contract quotes at its intrinsic value and new orders for it are refused; a position
 * in it stays until closed (noted work: OCC auto-exercise of in-the-money contracts, expiry of
 * the rest as worthless).
 */
import type { Clock } from '../../core/clock';
import type { Phase } from '../../domain/sessions';
import type { QuoteSource } from '../../market/sim/feed';
import type { BrokerCapabilities } from '../capabilities';
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
import { fmtQty } from '../../domain/fixed';
import { applyFill, cashValue } from '../../domain/holdings';
import { accountOf } from './account';
import { childLegs, exitPairProblem, marketLegsProblem, parentRole, type LegRole } from './classes';
import { DEFAULT_FEES, feesFor, type FeeSchedule } from './fees';
import { DEFAULT_FILL_MODEL, match, type FillModel } from './matching';
import { OptionQuotes } from './option-quotes';
import { endsOnPhase, isRealClose, newOrder, optional, toPosition, tradesIn, workingOf } from './order-state';
import { buyingPowerProblem, checkContract, invalid, positionProblem, validateRequest } from './rules';
import { OrderStream } from './streams';
import { emptyVenue, type VenueOrder, type VenueState, type VenueStore } from './venue';

export const SIM_CAPABILITIES: BrokerCapabilities = {
  assetClasses: ['us_equity', 'us_option'],
  orderTypes: ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'],
  timeInForce: ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'],
  orderClasses: ['simple', 'bracket', 'oco', 'oto'],
  extendedHours: true,
  fractional: true,
  shortSelling: true,
  replace: true,
  preview: true,
};

export interface SimBrokerOptions {
  accountId: string;
  clock: Clock;
  market: QuoteSource;
  store: VenueStore;
  startingCash: Micros;
  fillModel?: FillModel;
  fees?: FeeSchedule;
  /** Implied volatility for option quotes, annualised (the market's VIX / 100); 0.2 if absent. */
  impliedVol?: () => number;
  /** Prefix of the venue's order and execution ids. */
  idPrefix?: string;
  /** Bars for charts: the cache's history joined with the running market's (market/sim/bars.ts). */
  bars?: (symbol: string, timeframe: BarTimeframe, from: number, to: number) => Bar[];
  log?: (line: string) => void;
}

export class SimBroker implements Broker {
  readonly kind = 'sim' as const;
  readonly live = false;
  readonly capabilities = SIM_CAPABILITIES;
  readonly accountId: string;
  private readonly state: VenueState;
  private readonly stream = new OrderStream();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly prefix: string;
  /** What changed since the last commit to the store. */
  private readonly dirtyOrders = new Set<VenueOrder>();
  private readonly dirtyHoldings = new Set<string>();
  private newFills: BrokerFill[] = [];
  /** The market with option contracts quoted from their underlyings. */
  private readonly market: OptionQuotes;

  constructor(private readonly opts: SimBrokerOptions) {
    this.accountId = opts.accountId;
    this.prefix = opts.idPrefix ?? 'sim';
    this.state = opts.store.load() ?? emptyVenue(opts.startingCash);
    this.market = new OptionQuotes(opts.market, opts.impliedVol ?? (() => 0.2));
    // Contracts held or worked keep being quoted (marks, fills) after a restart.
    for (const h of this.state.holdings) if (h.assetClass === 'us_option') this.market.watch(h.symbol);
    for (const e of this.state.orders) if (e.working) this.market.watch(e.order.symbol);
    this.unsubscribe.push(this.market.subscribe((q) => this.onQuote(q)));
    this.unsubscribe.push(this.market.onPhase((phase, previous) => this.onPhase(phase, previous)));
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
      const q = this.market.latest(s);
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
    this.validate(req, true);
    this.refuseDuplicate(req.clientOrderId);
    const quote = this.market.latest(req.symbol);
    if (!quote)
      throw new BrokerError('invalid_order', `No market for ${req.symbol}.`, '40010001', 'asset not found');
    const pricedLegs = marketLegsProblem(req, quote);
    if (pricedLegs) throw invalid(...pricedLegs);
    this.checkPosition(req);
    const held = this.held(req.symbol);
    const short = buyingPowerProblem(req, quote, held, this.accountNow().buyingPower);
    if (short) throw short;

    const now = this.opts.clock.now();
    const order = newOrder(req, this.nextOrderId(), now);
    const role = parentRole(req);
    const entry: VenueOrder = {
      order,
      working: workingOf(order),
      ...(role ? { role, group: order.brokerOrderId } : {}),
    };
    this.add(entry, 'new');
    // The legs are the parent's children: held until an entry fills, or working (an OCO).
    const legs = childLegs(req, order, () => this.nextOrderId()).map((leg): VenueOrder => ({
      order: leg.order,
      working: leg.order.status === 'held' ? null : workingOf(leg.order),
      role: leg.role,
      group: order.brokerOrderId,
    }));
    for (const leg of legs) this.add(leg, leg.order.status === 'held' ? 'held' : 'new');
    const answer = structuredClone(order);
    const phase = this.market.phase(now).phase;
    // What works now (the entry, an OCO's two exits); legs the entry releases start on the next quote.
    const live = [entry, ...legs].filter((e) => e.working);
    for (const e of live) if (e.working) this.work(e, quote, phase);
    await this.save();
    return answer;
  }

  /**
   * Cancels an order; cancelling one working exit of a bracket or OCO cancels the other with it.
   * A held exit cannot be cancelled: its entry would go on working with no exits at all.
   */
  async cancelOrder(brokerOrderId: string): Promise<void> {
    const entry = this.working(brokerOrderId, 'canceled');
    if (entry.order.status === 'held')
      throw new BrokerError(
        'not_cancelable',
        `Order ${brokerOrderId}: this exit is held until its entry fills: cancel the entry, or replace the exit.`,
        '42210000',
        'cannot cancel a held leg',
      );
    this.finish(entry, 'canceled', 'canceled');
    if (isExit(entry)) this.cancelOtherExits(entry);
    await this.save();
  }

  async replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder> {
    const entry = this.working(brokerOrderId, 'replaced');
    const old = entry.order;
    if (entry.role === 'entry' && this.legsOf(entry).some((l) => l.order.status === 'held'))
      throw new BrokerError(
        'invalid_order',
        `Order ${brokerOrderId} is the entry of a ${old.orderClass} whose legs wait for it: replace the legs, or cancel it and place the order again.`,
        '42210000',
        'cannot replace the parent of held legs',
      );
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
    // The class's legs were checked when it was placed; a leg is replaced as the order it is,
    // then held to its entry and sibling (checkReplacement).
    this.validate(request, false);
    this.refuseDuplicate(request.clientOrderId);
    this.checkReplacement(entry, request);
    const now = this.opts.clock.now();
    const held = old.status === 'held';
    const replacement: BrokerOrder = {
      ...structuredClone(old),
      brokerOrderId: this.nextOrderId(),
      clientOrderId: request.clientOrderId,
      timeInForce: request.timeInForce,
      qty: request.qty,
      filledQty: 0n,
      avgFillPrice: null,
      limitPrice: request.limitPrice ?? null,
      stopPrice: request.stopPrice ?? null,
      trail: request.trail ?? null,
      status: held ? 'held' : 'new',
      replaces: old.brokerOrderId,
      replacedBy: null,
      submittedAt: now,
      updatedAt: now,
    };
    old.replacedBy = replacement.brokerOrderId;
    this.finish(entry, 'replaced', 'replaced');
    // A leg's replacement keeps its place in the class: its parent, its role, held or working.
    const next: VenueOrder = {
      order: replacement,
      working: held ? null : workingOf(replacement),
      ...(entry.role ? { role: entry.role, group: entry.group! } : {}),
    };
    this.add(next, held ? 'held' : 'new');
    const answer = structuredClone(replacement);
    const quote = this.market.latest(old.symbol);
    if (quote && next.working) this.work(next, quote, this.market.phase(now).phase);
    await this.save();
    return answer;
  }

  // ── Streams ─────────────────────────────────────────────────────────────────────────────

  streamOrderUpdates(handlers: OrderUpdateHandlers): Subscription {
    return this.stream.subscribe(handlers);
  }

  streamQuotes(symbols: readonly string[], onQuote: (quote: Quote) => void): Subscription {
    const wanted = new Set(symbols);
    for (const s of symbols) this.market.watch(s);
    const off = this.market.subscribe((q) => {
      if (wanted.has(q.symbol)) onQuote(q);
    });
    return { close: off };
  }

  /** Fault injection: the order stream drops; events meanwhile are lost until `reconnectStreams`. */
  dropStreams(): void {
    this.stream.drop();
  }

  reconnectStreams(): void {
    this.stream.reconnect();
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    this.stream.close();
  }

  // ── The venue at work ───────────────────────────────────────────────────────────────────

  private onQuote(quote: Quote): void {
    const phase = this.market.phase(quote.at).phase;
    let changed = false;
    // The orders working when the quote came: legs a fill releases start on the next quote, and
    // an exit its sibling's fill cancelled does not trade on this one.
    const live = this.state.orders.filter((e) => e.working && e.order.symbol === quote.symbol);
    for (const entry of live) if (entry.working) changed = this.work(entry, quote, phase) || changed;
    if (changed) this.saveInBackground();
  }

  private onPhase(phase: Phase, previous: Phase): void {
    let changed = false;
    // Until nothing more ends: an entry that expires after filling in part releases its legs,
    // which carry its time in force and end with it, in whatever order the venue holds them.
    for (let again = true; again;) {
      again = false;
      for (const entry of [...this.state.orders]) {
        const o = entry.order;
        if (!entry.working || !endsOnPhase(o, phase, previous)) continue;
        if (o.timeInForce === 'cls' && isRealClose(phase, previous)) {
          const q = this.market.latest(o.symbol);
          if (q) this.work(entry, q, 'regular', true);
        }
        if (entry.working) this.finish(entry, 'expired', 'expired');
        again = changed = true;
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
    if (entry.role === 'entry' && o.status === 'filled') this.release(entry);
    // One exit trading in part takes what it sold off the other; filled, it cancels the other.
    if (isExit(entry)) {
      if (o.status === 'filled') this.cancelOtherExits(entry);
      else this.reduceOtherExits(entry, qty);
    }
  }

  private finish(entry: VenueOrder, status: 'canceled' | 'expired' | 'replaced', kind: OrderEventKind): void {
    entry.working = null;
    this.dirtyOrders.add(entry);
    entry.order.status = status;
    entry.order.updatedAt = this.opts.clock.now();
    this.emit(kind, entry.order, null);
    // An entry that ends unfilled takes its held legs with it; one that filled in part releases
    // them for what it bought, so that part is not left without its exits.
    if (entry.role === 'entry' && status !== 'replaced') {
      if (entry.order.filledQty > 0n) this.release(entry);
      else
        for (const leg of this.legsOf(entry))
          if (leg.order.status === 'held') this.finish(leg, 'canceled', 'canceled');
    }
  }

  /** The entry filled (or ended after filling in part): its held legs work for what it filled. */
  private release(entry: VenueOrder): void {
    const now = this.opts.clock.now();
    for (const leg of this.legsOf(entry)) {
      if (leg.order.status !== 'held') continue;
      leg.order.qty = entry.order.filledQty;
      leg.order.status = 'new';
      leg.order.updatedAt = now;
      leg.working = workingOf(leg.order);
      this.market.watch(leg.order.symbol);
      this.dirtyOrders.add(leg);
      this.emit('new', leg.order, null);
    }
  }

  private cancelOtherExits(exit: VenueOrder): void {
    for (const other of this.state.orders)
      if (other !== exit && other.group === exit.group && isExit(other) && isOpenStatus(other.order.status))
        this.finish(other, 'canceled', 'canceled');
  }

  /**
   * An exit traded `qty` in part: its sibling now covers only what is still open of the position
   * (as Alpaca does for OCO legs). The reduction is a restatement on the stream, kind 'new' with
   * the reduced quantity; a sibling with nothing left is cancelled.
   */
  private reduceOtherExits(exit: VenueOrder, qty: bigint): void {
    for (const other of this.state.orders) {
      if (other === exit || other.group !== exit.group || !isExit(other) || !other.working) continue;
      const o = other.order;
      o.qty = o.qty - qty > o.filledQty ? o.qty - qty : o.filledQty;
      if (o.qty === o.filledQty) {
        this.finish(other, 'canceled', 'canceled');
        continue;
      }
      other.working = { ...other.working, leaves: o.qty - o.filledQty };
      o.updatedAt = this.opts.clock.now();
      this.dirtyOrders.add(other);
      this.emit('new', o, null);
    }
  }

  /** The exit legs of an entry (its group's orders other than entries). */
  private legsOf(entry: VenueOrder): VenueOrder[] {
    return this.state.orders.filter(
      (o) => o.group !== undefined && o.group === entry.group && o.role !== 'entry',
    );
  }

  private add(entry: VenueOrder, kind: OrderEventKind): void {
    this.state.orders.push(entry);
    this.dirtyOrders.add(entry);
    this.emit(kind, entry.order, null);
  }

  private nextOrderId(): string {
    return `${this.prefix}-${this.state.nextOrder++}`;
  }

  private emit(kind: OrderEventKind, order: BrokerOrder, fill: BrokerFill | null): void {
    this.stream.emit(kind, order, fill);
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

  private validate(req: OrderRequest, classes: boolean): void {
    validateRequest(req, this.capabilities, this.market.phase().phase, { classes });
    if (req.assetClass === 'us_option') checkContract(req.symbol, this.opts.clock.now());
  }

  /** Position intents (options) and OCO exits, against the position and open orders. */
  private checkPosition(req: OrderRequest): void {
    const problem = positionProblem(
      req,
      this.held(req.symbol),
      this.state.orders.map((e) => e.order),
    );
    if (problem) throw problem;
  }

  /**
   * A replacement faces the rules its placement did, less what the old order itself reserved: the
   * position and intents (an OCO's group counts once), buying power for what adds exposure, and
   * for an exit leg its entry (it closes at most what the entry bought and is still open) and
   * its sibling's price.
   */
  private checkReplacement(entry: VenueOrder, req: OrderRequest): void {
    const old = entry.order;
    const others = this.state.orders.filter(
      (e) => e !== entry && !(isExit(entry) && isExit(e) && e.group === entry.group),
    );
    const problem = positionProblem(
      req,
      this.held(req.symbol),
      others.map((e) => e.order),
    );
    if (problem) throw problem;
    if (!isExit(entry)) {
      const quote = this.market.latest(req.symbol);
      const short =
        quote && buyingPowerProblem(req, quote, this.held(req.symbol), this.accountNow().buyingPower);
      if (short) throw short;
      return;
    }
    const group = this.state.orders.filter((e) => e.group === entry.group);
    const parent = group.find((e) => e.role === 'entry');
    const sibling = group.find((e) => e !== entry && isExit(e) && isOpenStatus(e.order.status));
    const held = old.status === 'held';
    if (parent) {
      const exited = group.filter(isExit).reduce((sum, e) => sum + e.order.filledQty, 0n);
      const most = held ? parent.order.qty : parent.order.filledQty - exited;
      if (req.qty > most)
        throw invalid(
          'qty',
          `an exit closes at most what its entry ${held ? 'is to buy' : 'bought and is still open'}: ${fmtQty(most)}`,
        );
    }
    // The pair's prices after the change: this exit's from the request, its sibling's as they are.
    const priceOf = (role: LegRole): Micros | null => {
      if (entry.role === role) return (role === 'take_profit' ? req.limitPrice : req.stopPrice) ?? null;
      if (sibling?.role !== role) return null;
      return role === 'take_profit' ? sibling.order.limitPrice : sibling.order.stopPrice;
    };
    const takeProfit = priceOf('take_profit');
    const stopLoss = priceOf('stop_loss');
    const entryPrice =
      held && parent
        ? parent.order.type === 'stop'
          ? parent.order.stopPrice
          : parent.order.limitPrice
        : null;
    const pair = exitPairProblem(old.side, takeProfit, stopLoss, entryPrice);
    if (pair) throw invalid(...pair);
  }

  private held(symbol: string): bigint {
    return this.state.holdings.find((h) => h.symbol === symbol)?.qty ?? 0n;
  }

  private accountNow(): BrokerAccount {
    return accountOf(this.state, (symbol) => this.mark(symbol));
  }

  /** Mark price: the quote's mid, else the last fill's price. */
  private mark(symbol: string): Micros {
    const q = this.market.latest(symbol);
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

/** A take-profit or stop-loss of a bracket, OTO or OCO. */
const isExit = (e: VenueOrder): boolean => e.role === 'take_profit' || e.role === 'stop_loss';
