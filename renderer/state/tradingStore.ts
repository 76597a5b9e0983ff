import { create } from 'zustand';
import type { Balances, Fill, Order, OrderRequest, Position, Quote } from '../../main/contract';
import { api, describeError, type ErrorInfo } from '../api/client';

/** Symbols the page always quotes; positions' symbols are added to them. */
export const WATCHLIST = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA'];
const OPEN = new Set(['pending_new', 'new', 'partially_filled', 'pending_cancel', 'pending_replace', 'held']);
export const isOpen = (o: Order): boolean => OPEN.has(o.status);

export interface TradingState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorInfo | null;
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
  load(): Promise<void>;
  place(req: OrderRequest): Promise<Order | null>;
  cancel(orderId: string): Promise<void>;
  applyOrder(order: Order): void;
  applyFill(fill: Fill): void;
  applyQuote(quote: Quote): void;
}

let generation = 0;

export const useTradingStore = create<TradingState>()((set, get) => ({
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
  async load() {
    const mine = ++generation;
    set((s) => (s.status === 'ready' ? {} : { status: 'loading', error: null }));
    try {
      const [orders, fills, positions, balances] = await Promise.all([
        api().call('orders.list', { status: 'all', limit: 200 }),
        api().call('fills.list', { limit: 100 }),
        api().call('positions.list', {}),
        api().call('account.balances', {}),
      ]);
      const symbols = [...new Set([...WATCHLIST, ...positions.map((p) => p.symbol)])].filter((s) =>
        /^[A-Z][A-Z0-9.]{0,9}$/.test(s),
      );
      const quotes = await api().call('quotes.latest', { symbols });
      if (mine !== generation) return;
      set({
        status: 'ready',
        error: null,
        accountId: balances.accountId,
        balances,
        orders: Object.fromEntries(orders.map((o) => [o.id, o])),
        fills,
        positions,
        quotes: Object.fromEntries(quotes.map((q) => [q.symbol, q])),
      });
    } catch (err) {
      if (mine === generation) set({ status: 'error', error: describeError(err) });
    }
  },
  async place(req) {
    set({ placing: true, placeError: null });
    try {
      const order = await api().call('orders.place', req);
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
    try {
      get().applyOrder(await api().call('orders.cancel', { orderId }));
    } catch (err) {
      set({ placeError: describeError(err) });
    }
  },
  applyOrder(order) {
    const before = get().orders[order.id];
    // Events can overtake answers: never go back to an older state.
    if (before && before.updatedAt > order.updatedAt) return;
    set((s) => ({ orders: { ...s.orders, [order.id]: order } }));
  },
  applyFill(fill) {
    if (get().fills.some((f) => f.id === fill.id)) return;
    set((s) => ({ fills: [fill, ...s.fills].slice(0, 200) }));
    // Positions and cash moved with the fill.
    void Promise.all([api().call('positions.list', {}), api().call('account.balances', {})])
      .then(([positions, balances]) => set({ positions, balances }))
      .catch(() => {});
  },
  applyQuote(quote) {
    set((s) => ({ quotes: { ...s.quotes, [quote.symbol]: quote } }));
  },
}));
