import type { Fill, Order, OrderRequest } from '../contract/trading';
import { positions } from '../analytics/portfolio';
import { FINAL_STATUSES } from '../brokers/types';
import { EngineError } from '../core/errors';
import { fmtMoney, fmtPrice } from '../domain/fixed';
import type { Quote as BrokerQuote } from '../brokers/types';
import type { Emit, HandlerTable } from '../core/handler';
import type { Store } from '../store';
import { quoteFeedOf } from '../accounts/account';
import { fillDto, orderDto, toMicros, toNanos, type FillRow, type OrderRow } from './convert';
import type { TradingService } from './service';

type TradingChannels =
  | 'orders.place'
  | 'orders.cancel'
  | 'orders.replace'
  | 'orders.list'
  | 'fills.list'
  | 'positions.list'
  | 'quotes.latest'
  | 'quotes.subscribe'
  | 'account.balances';

/** The statuses after which an order never changes, as SQL: an order is open until it has one. */
const FINAL = `(${[...FINAL_STATUSES].map((s) => `'${s}'`).join(',')})`;

/** Reads of the book, on the engine's read-only connection (small, bounded queries). */
export function tradingReads(store: Store) {
  const db = store.db;
  const order = db.prepare('SELECT * FROM orders WHERE id = ?').safeIntegers(true);
  const fill = db.prepare('SELECT * FROM fills WHERE id = ?').safeIntegers(true);
  const byClientId = db
    .prepare('SELECT * FROM orders WHERE account_id = ? AND client_order_id = ?')
    .safeIntegers(true);
  return {
    order(id: string): Order | null {
      const row = order.get(id) as OrderRow | undefined;
      return row ? orderDto(row) : null;
    },
    orderByClientId(accountId: string, clientOrderId: string): Order | null {
      const row = byClientId.get(accountId, clientOrderId) as OrderRow | undefined;
      return row ? orderDto(row) : null;
    },
    fill(id: string): Fill | null {
      const row = fill.get(id) as FillRow | undefined;
      return row ? fillDto(row) : null;
    },
    orders(accountId: string, status: 'open' | 'closed' | 'all', limit: number): Order[] {
      const where = status === 'all' ? '' : `AND status ${status === 'open' ? 'NOT ' : ''}IN ${FINAL}`;
      return (
        db
          .prepare(
            `SELECT * FROM orders WHERE account_id = ? ${where} ORDER BY submitted_at DESC, id DESC LIMIT ?`,
          )
          .safeIntegers(true)
          .all(accountId, limit) as OrderRow[]
      ).map(orderDto);
    },
    fills(accountId: string, limit: number): Fill[] {
      return (
        db
          .prepare('SELECT * FROM fills WHERE account_id = ? ORDER BY filled_at DESC, id DESC LIMIT ?')
          .safeIntegers(true)
          .all(accountId, limit) as FillRow[]
      ).map(fillDto);
    },
  };
}

export function tradingHandlers(deps: {
  store: Store;
  trading: () => TradingService | null;
  ready: (signal: AbortSignal) => Promise<void>;
}): Pick<HandlerTable, TradingChannels> {
  const { store } = deps;
  const reads = tradingReads(store);
  const account = (id: string | undefined): string => {
    const resolved = id ?? store.accounts.active()?.id;
    if (resolved === undefined)
      throw new EngineError('not_found', 'No account is active. Add one in Settings.');
    if (!store.accounts.get(resolved))
      throw new EngineError(
        'not_found',
        `No account with id "${resolved}". Call accounts.list for the ids there are.`,
      );
    return resolved;
  };
  const service = (): TradingService => {
    const t = deps.trading();
    if (!t)
      throw new EngineError(
        'unavailable',
        'Trading is not running: no broker is connected. Connect one in Settings.',
      );
    return t;
  };
  return {
    'orders.place': async (req, { signal }) => {
      await deps.ready(signal);
      const accountId = account(req.accountId);
      const trading = service();
      // Real money goes only where the caller says: never to whichever account happens to be active.
      if (req.accountId === undefined && trading.connected(accountId)?.live)
        throw new EngineError(
          'bad_request',
          `The active account "${accountId}" trades real money: name it (accountId) in every order sent to it.`,
        );
      if (req.clientOrderId !== undefined) {
        const existing = reads.orderByClientId(accountId, req.clientOrderId);
        if (existing) {
          if (!sameOrder(existing, req))
            throw new EngineError(
              'conflict',
              `Client order id ${req.clientOrderId} was used for another order (${existing.id}); use a new one for a new order.`,
            );
          return reads.order((await trading.resume(existing)).orderId)!;
        }
      }
      const { orderId } = await trading.place(accountId, req);
      return reads.order(orderId)!;
    },
    'orders.cancel': async ({ orderId }, { signal }) => {
      await deps.ready(signal);
      const order = reads.order(orderId);
      if (!order) throw new EngineError('not_found', `No order with id "${orderId}".`);
      if (!order.brokerOrderId)
        throw new EngineError(
          'conflict',
          `Order ${orderId} has not reached the broker yet; cancel it once it has.`,
        );
      await service().cancel(order.accountId, order.brokerOrderId);
      return reads.order(orderId)!;
    },
    'orders.replace': async ({ orderId, ...changes }, { signal }) => {
      await deps.ready(signal);
      const order = reads.order(orderId);
      if (!order) throw new EngineError('not_found', `No order with id "${orderId}".`);
      const { orderId: next } = await service().replace(order, changes);
      return reads.order(next)!;
    },
    'account.balances': async ({ accountId }, { signal }) => {
      await deps.ready(signal);
      const id = account(accountId);
      const b = await service().broker(id).account();
      return {
        accountId: id,
        equity: fmtMoney(b.equity),
        cash: fmtMoney(b.cash),
        buyingPower: fmtMoney(b.buyingPower),
        longMarketValue: fmtMoney(b.longMarketValue),
        shortMarketValue: fmtMoney(b.shortMarketValue),
        daytradeCount: b.daytradeCount,
        patternDayTrader: b.patternDayTrader,
        tradingBlocked: b.tradingBlocked,
      };
    },
    'orders.list': async ({ accountId, status, limit }, { signal }) => {
      await deps.ready(signal);
      return reads.orders(account(accountId), status, limit);
    },
    'fills.list': async ({ accountId, limit }, { signal }) => {
      await deps.ready(signal);
      return reads.fills(account(accountId), limit);
    },
    'positions.list': async ({ accountId }, { signal }) => {
      await deps.ready(signal);
      return positionsOf(store, account(accountId));
    },
    'quotes.latest': async ({ accountId, symbols }, { signal }) => {
      await deps.ready(signal);
      const broker = service().broker(account(accountId));
      const quotes = await broker.latestQuotes(symbols);
      return [...quotes.values()].map((q) => quoteDto(q, quoteFeedOf(broker)));
    },
    'quotes.subscribe': async ({ accountId, symbols }, { signal }) => {
      await deps.ready(signal);
      // The simulated market streams its whole universe already; a real broker's adapter starts
      // its upstream subscription here.
      const broker = service().broker(account(accountId));
      const quotes = await broker.latestQuotes(symbols);
      return [...quotes.values()].map((q) => quoteDto(q, quoteFeedOf(broker)));
    },
  };
}

/** A retried request is the order recorded under its client order id (same instrument, side, size, type). */
function sameOrder(o: Order, req: OrderRequest): boolean {
  return (
    o.symbol === req.symbol &&
    o.side === req.side &&
    o.type === req.type &&
    toNanos(o.qty) === toNanos(req.qty) &&
    (o.limitPrice === null
      ? req.limitPrice === undefined
      : req.limitPrice !== undefined && toMicros(o.limitPrice) === toMicros(req.limitPrice)) &&
    (o.stopPrice === null
      ? req.stopPrice === undefined
      : req.stopPrice !== undefined && toMicros(o.stopPrice) === toMicros(req.stopPrice))
  );
}

/** An account's positions as the book holds them, weighted by its last equity. */
function positionsOf(store: Store, accountId: string) {
  const equity = store.equity.series(accountId).at(-1)?.equity ?? 0n;
  return positions(store.positions.list(accountId), equity);
}

/** Events the trading service announces, as the contract's pushed events. */
export function tradingEvents(store: Store, emit: Emit) {
  const reads = tradingReads(store);
  return {
    orderChanged(_accountId: string, orderId: string) {
      const order = reads.order(orderId);
      if (order) emit('order.updated', order);
    },
    filled(accountId: string, fillId: string) {
      const fill = reads.fill(fillId);
      if (fill) emit('fill.created', fill);
      emit('positions.changed', { accountId, positions: positionsOf(store, accountId) });
    },
  };
}

/** A broker quote as the contract's decimal strings. */
export function quoteDto(q: BrokerQuote, feed: string) {
  return {
    feed,
    symbol: q.symbol,
    bid: fmtPrice(q.bid),
    ask: fmtPrice(q.ask),
    bidSize: q.bidSize,
    askSize: q.askSize,
    at: new Date(q.at).toISOString(),
  };
}
