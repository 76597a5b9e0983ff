/**
 * Trading: places, cancels and replaces orders through the account's broker adapter, and books
 * every update the broker sends (orders/apply.ts) one at a time per account, on the writer.
 *
 * Placement is recorded before it is sent (so an intent is never lost and a retry reuses its
 * client order id), and never blindly retried: when the outcome is unknown the order is looked
 * up by its client order id. After a stream (re)connects, what it may have missed is recovered
 * from the broker (fills by cursor, open orders) and booked exactly once.
 */
import { randomBytes } from 'node:crypto';
import { isBrokerError, type BrokerError } from '../brokers/errors';
import { unsupported } from '../brokers/capabilities';
import type { Broker, Subscription } from '../brokers/port';
import { isOpenStatus, type BrokerFill, type BrokerOrder, type OrderUpdate } from '../brokers/types';
import type { Order, OrderRequest } from '../contract/trading';
import type { Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import { positionEffect, type ApplyResult } from '../orders/apply';
import type { JournalOrigin } from '../orders/journal';
import type { TaskRunner } from '../workers/runner';
import { brokerRequest, toMicros, toNanos } from './convert';
import type { tradingTasks } from './tasks';

export interface ReplaceChanges {
  qty?: string;
  limitPrice?: string;
  stopPrice?: string;
  timeInForce?: Order['timeInForce'];
}

export interface TradingEvents {
  /** An order changed (placed, acknowledged, filled, cancelled…): its id and account. */
  orderChanged(accountId: string, orderId: string): void;
  /** A fill was booked (positions and cash changed with it). */
  filled(accountId: string, fillId: string): void;
}

export interface TradingDeps {
  brokers: ReadonlyMap<string, Broker>;
  runner: TaskRunner<typeof tradingTasks>;
  clock: Clock;
  events: TradingEvents;
  log: (line: string) => void;
  /** Keel's order id for a new order (tests make them predictable). */
  newOrderId?: () => string;
}

/** What the placement answers: Keel's order id (the order itself is read from the book). */
export interface Placed {
  orderId: string;
  accountId: string;
}

const REFUSALS = new Set([
  'insufficient_buying_power',
  'invalid_order',
  'rejected',
  'duplicate_client_order_id',
]);

export class TradingService {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly subscriptions: Subscription[] = [];
  private readonly newId: () => string;
  private closed = false;

  constructor(private readonly deps: TradingDeps) {
    this.newId =
      deps.newOrderId ?? (() => `ord-${deps.clock.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  }

  /** Listens to every broker's order updates; each (re)connection is followed by a reconciliation. */
  start(): void {
    for (const [accountId, broker] of this.deps.brokers) {
      this.subscriptions.push(
        broker.streamOrderUpdates({
          update: (u) => void this.book(accountId, u, 'stream'),
          state: (state) => {
            if (state === 'live') void this.reconcile(accountId);
          },
        }),
      );
    }
  }

  /** The broker connected for an account, or null. */
  connected(accountId: string): Broker | null {
    return this.deps.brokers.get(accountId) ?? null;
  }

  broker(accountId: string): Broker {
    const broker = this.deps.brokers.get(accountId);
    if (!broker)
      throw new EngineError(
        'not_found',
        `No broker is connected for account "${accountId}". Connect it in Settings, or pick another account.`,
      );
    return broker;
  }

  /**
   * A placement sent again with the client order id of an order already recorded (a page or a
   * caller retrying after an unknown outcome): never a second order. The broker is asked for the
   * first one; what it says is booked. Answers the recorded order.
   */
  async resume(existing: Order): Promise<Placed> {
    const placed = { orderId: existing.id, accountId: existing.accountId };
    if (existing.brokerOrderId !== null || existing.status !== 'pending_new') return placed;
    const broker = this.broker(existing.accountId);
    const found = await broker.getOrder({ clientOrderId: existing.clientOrderId }).catch(() => null);
    if (found) await this.book(existing.accountId, ack(found, this.deps.clock.now()), 'broker');
    return placed;
  }

  async place(
    accountId: string,
    req: OrderRequest,
    source: 'manual' | 'webhook' | 'strategy' = 'manual',
  ): Promise<Placed> {
    const broker = this.broker(accountId);
    const clientOrderId =
      req.clientOrderId ?? `k-${this.deps.clock.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    const request = brokerRequest(req, clientOrderId);
    const why = unsupported(request, broker.capabilities);
    if (why) throw new EngineError('bad_request', `This account cannot take the order: ${why}.`);
    const quote = (await broker.latestQuotes([request.symbol])).get(request.symbol) ?? null;
    const orderId = this.newId();
    const at = this.deps.clock.now();
    await this.deps.runner.run('orders.record', {
      id: orderId,
      accountId,
      clientOrderId,
      symbol: request.symbol,
      assetClass: request.assetClass === 'us_option' ? 'us_option' : 'us_equity',
      side: request.side,
      positionEffect: positionEffect({
        positionIntent: request.positionIntent ?? null,
        orderClass: request.orderClass,
        parentBrokerOrderId: null,
      }),
      type: request.type,
      timeInForce: request.timeInForce,
      orderClass: request.orderClass,
      qty: request.qty,
      limitPrice: request.limitPrice ?? null,
      stopPrice: request.stopPrice ?? null,
      trailPrice: request.trail?.kind === 'price' ? request.trail.amount : null,
      trailBps: request.trail?.kind === 'percent' ? request.trail.bps : null,
      extendedHours: request.extendedHours,
      source,
      replacesOrderId: null,
      parentOrderId: null,
      arrivalBid: quote?.bid ?? null,
      arrivalAsk: quote?.ask ?? null,
      at,
    });
    this.deps.events.orderChanged(accountId, orderId);
    let placed: BrokerOrder;
    try {
      placed = await broker.placeOrder(request);
    } catch (err) {
      if (isBrokerError(err) && REFUSALS.has(err.kind)) {
        await this.refused(accountId, orderId, err);
        throw refusal(broker, err);
      }
      // Outcome unknown (timeout, 5xx, dropped connection): ask the broker, never send it again.
      const found = await broker.getOrder({ clientOrderId }).catch(() => null);
      if (!found)
        throw new EngineError(
          'unavailable',
          `The broker did not confirm the order (${err instanceof Error ? err.message : String(err)}). It is recorded as pending; Keel will pick up its outcome when the broker answers again.`,
        );
      placed = found;
    }
    await this.book(accountId, ack(placed, this.deps.clock.now()), 'broker');
    return { orderId, accountId };
  }

  async cancel(accountId: string, brokerOrderId: string): Promise<void> {
    const broker = this.broker(accountId);
    try {
      await broker.cancelOrder(brokerOrderId);
    } catch (err) {
      if (isBrokerError(err)) throw refusal(broker, err);
      throw err;
    }
  }

  /**
   * Replaces a working order: a new order at the broker (with its own client order id, recorded
   * first with a link to the old one); the old one ends as replaced — unless it fills first.
   */
  async replace(old: Order, changes: ReplaceChanges): Promise<Placed> {
    const broker = this.broker(old.accountId);
    if (!broker.capabilities.replace)
      throw new EngineError('bad_request', 'This broker cannot replace orders: cancel and place a new one.');
    if (!old.brokerOrderId)
      throw new EngineError(
        'conflict',
        `Order ${old.id} has not reached the broker yet; replace it once it has.`,
      );
    if (!isOpenStatus(old.status))
      throw new EngineError(
        'conflict',
        `Order ${old.id} is ${old.status}; only a working order can be replaced.`,
      );
    const clientOrderId = `k-${this.deps.clock.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    const orderId = this.newId();
    const at = this.deps.clock.now();
    const filled = toNanos(old.filledQty);
    const qty = changes.qty ? toNanos(changes.qty) : toNanos(old.qty) - filled;
    const price = (v: string | undefined, was: string | null) =>
      v ? toMicros(v) : was ? toMicros(was) : null;
    const limitPrice = price(changes.limitPrice, old.limitPrice);
    const stopPrice = price(changes.stopPrice, old.stopPrice);
    await this.deps.runner.run('orders.record', {
      id: orderId,
      accountId: old.accountId,
      clientOrderId,
      symbol: old.symbol,
      assetClass: old.assetClass,
      side: old.side,
      positionEffect: old.positionEffect,
      type: old.type,
      timeInForce: changes.timeInForce ?? old.timeInForce,
      orderClass: old.orderClass,
      qty,
      limitPrice,
      stopPrice,
      trailPrice: old.trailPrice ? toMicros(old.trailPrice) : null,
      trailBps: old.trailPercent ? Math.round(Number(old.trailPercent) * 100) : null,
      extendedHours: old.extendedHours,
      source:
        old.source === 'external' || old.source === 'demo' || old.source === 'import' ? 'manual' : old.source,
      replacesOrderId: old.id,
      // A replaced leg stays a leg of its parent.
      parentOrderId: old.parentOrderId,
      arrivalBid: null,
      arrivalAsk: null,
      at,
    });
    this.deps.events.orderChanged(old.accountId, orderId);
    try {
      const placed = await broker.replaceOrder(old.brokerOrderId, {
        clientOrderId,
        qty,
        ...(limitPrice !== null ? { limitPrice } : {}),
        ...(stopPrice !== null ? { stopPrice } : {}),
        ...(changes.timeInForce ? { timeInForce: changes.timeInForce } : {}),
      });
      await this.book(old.accountId, ack(placed, this.deps.clock.now()), 'broker');
    } catch (err) {
      if (isBrokerError(err)) {
        await this.refused(old.accountId, orderId, err);
        throw refusal(broker, err);
      }
      throw err;
    }
    return { orderId, accountId: old.accountId };
  }

  /** Books one update, after the ones before it for this account. */
  book(accountId: string, update: OrderUpdate, origin: JournalOrigin): Promise<ApplyResult | null> {
    const run = async () => {
      const result = await this.deps.runner.run('orders.apply', { accountId, update, origin });
      if (!result.duplicate) {
        this.deps.events.orderChanged(accountId, result.orderId);
        if (result.fillId) this.deps.events.filled(accountId, result.fillId);
      }
      return result;
    };
    const previous = this.chains.get(accountId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch((err: unknown) => {
      this.deps.log(
        `could not book a ${update.kind} of order ${update.order.brokerOrderId}: ${err instanceof Error ? err.message : String(err)}`,
      );
      return null;
    });
    this.chains.set(accountId, settled);
    return settled;
  }

  /**
   * Recovers what a stream may have missed: every fill the broker reports (those already booked
   * are dropped by execution id) and the state of every open order.
   */
  async reconcile(accountId: string): Promise<void> {
    if (this.closed) return;
    const broker = this.broker(accountId);
    try {
      let cursor: string | null = null;
      for (;;) {
        const page = await broker.fillsSince(cursor);
        for (const fill of page.fills) {
          const order = await broker.getOrder({ brokerOrderId: fill.brokerOrderId });
          if (order) await this.book(accountId, fillUpdate(order, fill), 'reconcile');
        }
        if (page.fills.length === 0 || page.cursor === cursor) break;
        cursor = page.cursor;
      }
      // Oldest first, each parent before its legs, so a leg is linked to its parent's row.
      for (const order of parentsFirst(await broker.listOrders({ status: 'open' })))
        await this.book(accountId, ack(order, this.deps.clock.now()), 'reconcile');
    } catch (err) {
      this.deps.log(
        `reconciling ${accountId} failed: ${err instanceof Error ? err.message : String(err)}; retrying at the next reconnect`,
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.subscriptions.splice(0)) s.close();
    await Promise.all(this.chains.values());
  }

  private async refused(accountId: string, orderId: string, err: BrokerError): Promise<void> {
    const message = err.brokerMessage ?? err.message;
    await this.deps.runner.run('orders.refused', {
      orderId,
      at: this.deps.clock.now(),
      message,
      payload: JSON.stringify({ kind: err.kind, code: err.brokerCode, message: err.brokerMessage }),
    });
    this.deps.events.orderChanged(accountId, orderId);
  }
}

/**
 * An update that states an order as a broker answer reports it (not a stream event). Fills move
 * an order only with their executions (stream or reconciliation), so an answer that says
 * "filled" is booked as accepted; the fills follow with their own ids and prices. A held leg is
 * booked as held: it is not working until its parent fills.
 */
function ack(order: BrokerOrder, at: number): OrderUpdate {
  const filling = order.status === 'filled' || order.status === 'partially_filled';
  const state: BrokerOrder = filling ? { ...order, status: 'new', filledQty: 0n, avgFillPrice: null } : order;
  return {
    kind: state.status as OrderUpdate['kind'],
    order: state,
    fill: null,
    at,
    source: JSON.stringify({ answer: 'order', id: order.brokerOrderId, status: order.status }),
  };
}

function fillUpdate(order: BrokerOrder, fill: BrokerFill): OrderUpdate {
  const done = fill.leavesQty === 0n;
  return {
    kind: done ? 'fill' : 'partial_fill',
    order: {
      ...order,
      status: done ? 'filled' : 'partially_filled',
      filledQty: fill.cumQty,
    },
    fill,
    at: fill.at,
    source: JSON.stringify({ answer: 'fill', execution: fill.executionId }),
  };
}

/** Orders oldest first, with every order before those that name it as their parent. */
export function parentsFirst(orders: readonly BrokerOrder[]): BrokerOrder[] {
  const byTime = [...orders].sort(
    (a, b) => a.submittedAt - b.submittedAt || (a.brokerOrderId < b.brokerOrderId ? -1 : 1),
  );
  const byId = new Map(byTime.map((o) => [o.brokerOrderId, o]));
  const done = new Set<string>();
  const out: BrokerOrder[] = [];
  const visit = (o: BrokerOrder, depth: number): void => {
    if (done.has(o.brokerOrderId)) return;
    const parent = o.parentBrokerOrderId ? byId.get(o.parentBrokerOrderId) : undefined;
    // Depth-bounded: a cycle in a broker's answer cannot loop forever.
    if (parent && depth < byTime.length) visit(parent, depth + 1);
    done.add(o.brokerOrderId);
    out.push(o);
  };
  for (const o of byTime) visit(o, 0);
  return out;
}

function refusal(broker: Broker, err: BrokerError): EngineError {
  const who =
    broker.kind === 'sim' ? 'The simulated broker' : broker.kind === 'alpaca' ? 'Alpaca' : 'Tradier';
  const code = err.brokerCode
    ? ` (${err.brokerCode}${err.brokerMessage ? ` ${err.brokerMessage}` : ''})`
    : '';
  if (err.kind === 'not_found') return new EngineError('not_found', `${who}: ${err.message}`);
  if (err.kind === 'not_cancelable') return new EngineError('conflict', `${who}: ${err.message}${code}`);
  if (err.kind === 'invalid_order')
    return new EngineError('bad_request', `${who} refused the order: ${err.message}${code}`);
  return new EngineError('rejected', `${who} refused the order: ${err.message}${code}`);
}
