import { create } from 'zustand';
import type {
  Account,
  Balances,
  Fill,
  Order,
  OrderRequest,
  Position,
  Quote,
  Request,
} from '../../main/contract';
import { api, describeError, type ErrorInfo } from '../api/client';

/** Symbols the page always quotes; positions' symbols are added to them. */
export const WATCHLIST = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA'];
const OPEN = new Set(['pending_new', 'new', 'partially_filled', 'pending_cancel', 'pending_replace', 'held']);
export const isOpen = (o: Order): boolean => OPEN.has(o.status);

/**
 * Real money: a live broker connection, or an account kept as live. The one rule every badge,
 * the ticket and the confirmations use.
 */
export const isLive = (a: Account): boolean => a.trading?.live === true || a.mode === 'live';

/** Accounts a broker is connected for: the ones the page can trade. */
export const tradable = (accounts: readonly Account[]): Account[] =>
  accounts.filter((a) => a.trading !== null);

/** What a replace may change (the order id is the row's). */
export type ReplaceChanges = Omit<Request<'orders.replace'>, 'orderId'>;

export interface TradingState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorInfo | null;
  /** The account the page trades. */
  accountId: string | null;
  quotes: Record<string, Quote>;
  balances: Balances | null;
  positions: Position[];
  /** Orders by id, newest first when listed. */
  orders: Record<string, Order>;
  fills: Fill[];
  /** The ticket's last answer: the order placed, or why it was refused. */
  lastPlaced: Order | null;
  placeError: ErrorInfo | null;
  placing: boolean;
  /** The blotter's last cancel or replace refusal. */
  blotterError: ErrorInfo | null;
  /** Loads the page for an account (the active one when none is named). */
  load(accountId?: string | null): Promise<void>;
  place(req: OrderRequest): Promise<Order | null>;
  cancel(orderId: string): Promise<void>;
  replace(orderId: string, changes: ReplaceChanges): Promise<Order | null>;
  applyOrder(order: Order): void;
  applyFill(fill: Fill): void;
  applyPositions(accountId: string, positions: Position[]): void;
  applyQuote(quote: Quote): void;
}

let generation = 0;

/** Orders held already that are newer than the snapshot's copy (or missing from it). */
function newer(held: Record<string, Order>, snapshot: readonly Order[]): Record<string, Order> {
  const byId = new Map(snapshot.map((o) => [o.id, o]));
  return Object.fromEntries(
    Object.entries(held).filter(([id, o]) => {
      const s = byId.get(id);
      return s === undefined || s.updatedAt < o.updatedAt;
    }),
  );
}

export const useTradingStore = create<TradingState>()((set, get) => {
  /** Drops events of another account than the one shown (a switch may race them). */
  const shown = (accountId: string) => get().accountId === accountId;
  const refreshBalances = (accountId: string) =>
    void api()
      .call('account.balances', { accountId })
      .then((balances) => shown(accountId) && set({ balances }))
      .catch(() => {});
  return {
    status: 'idle',
    error: null,
    accountId: null,
    quotes: {},
    balances: null,
    positions: [],
    orders: {},
    fills: [],
    lastPlaced: null,
    placeError: null,
    placing: false,
    blotterError: null,
    async load(accountId) {
      const mine = ++generation;
      const switching = accountId !== undefined && accountId !== null && accountId !== get().accountId;
      // A switch shows (and subscribes to) the new account from its start, so no update of it is
      // dropped between the snapshot and the subscription.
      set((s) =>
        s.status === 'ready' && !switching
          ? {}
          : {
              status: 'loading',
              error: null,
              lastPlaced: null,
              placeError: null,
              blotterError: null,
              ...(switching ? { accountId, orders: {}, fills: [], positions: [], balances: null } : {}),
            },
      );
      try {
        const ref = accountId ? { accountId } : {};
        const balances = await api().call('account.balances', ref);
        const id = balances.accountId;
        const [orders, fills, positions] = await Promise.all([
          api().call('orders.list', { accountId: id, status: 'all', limit: 200 }),
          api().call('fills.list', { accountId: id, limit: 100 }),
          api().call('positions.list', { accountId: id }),
        ]);
        const symbols = [...new Set([...WATCHLIST, ...positions.map((p) => p.symbol)])].filter((s) =>
          /^[A-Z][A-Z0-9.]{0,9}$/.test(s),
        );
        const quotes = await api().call('quotes.subscribe', { accountId: id, symbols });
        if (mine !== generation) return;
        set((s) => ({
          status: 'ready',
          error: null,
          accountId: id,
          balances,
          // Updates pushed while the snapshot loaded are newer than it: they win.
          orders: { ...Object.fromEntries(orders.map((o) => [o.id, o])), ...newer(s.orders, orders) },
          fills,
          positions,
          quotes: Object.fromEntries(quotes.map((q) => [q.symbol, q])),
        }));
      } catch (err) {
        if (mine === generation) set({ status: 'error', error: describeError(err) });
      }
    },
    async place(req) {
      set({ placing: true, placeError: null });
      try {
        const order = await api().call('orders.place', {
          ...req,
          accountId: req.accountId ?? get().accountId ?? undefined,
        });
        get().applyOrder(order);
        set({ placing: false, lastPlaced: order });
        return order;
      } catch (err) {
        set({ placing: false, placeError: describeError(err) });
        void get().load(); // a refused order is in the book as rejected
        return null;
      }
    },
    async cancel(orderId) {
      set({ blotterError: null });
      try {
        get().applyOrder(await api().call('orders.cancel', { orderId }));
      } catch (err) {
        set({ blotterError: describeError(err) });
      }
    },
    async replace(orderId, changes) {
      set({ blotterError: null });
      try {
        const next = await api().call('orders.replace', { orderId, ...changes });
        get().applyOrder(next);
        return next;
      } catch (err) {
        set({ blotterError: describeError(err) });
        return null;
      }
    },
    applyOrder(order) {
      if (!shown(order.accountId)) return;
      const before = get().orders[order.id];
      // Events can overtake answers: never go back to an older state.
      if (before && before.updatedAt > order.updatedAt) return;
      set((s) => ({ orders: { ...s.orders, [order.id]: order } }));
    },
    applyFill(fill) {
      if (!shown(fill.accountId) || get().fills.some((f) => f.id === fill.id)) return;
      set((s) => ({ fills: [fill, ...s.fills].slice(0, 200) }));
      // Cash and buying power moved with the fill (positions arrive as their own event).
      refreshBalances(fill.accountId);
    },
    applyPositions(accountId, positions) {
      if (shown(accountId)) set({ positions });
    },
    applyQuote(quote) {
      set((s) => ({ quotes: { ...s.quotes, [quote.symbol]: quote } }));
    },
  };
});
