import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './names';
import { Empty, Id } from './primitives';
import { Account, AppInfo, PortfolioSummary, Position, Settings, SettingsPatch, TaskInfo } from './schemas';
import { Balances, Fill, Order, OrderChanges, OrderRequest, Quote, TickerSymbol } from './trading';

const AccountRef = z.strictObject({ accountId: Id.optional() });

/**
 * The one map of request/response channels between engine and UI. Names are namespaced
 * `<area>.<verb>`; both transports (Electron IPC and headless HTTP) serve exactly this map.
 */
export const channels = {
  'app.info': { request: Empty, response: AppInfo },
  'accounts.list': { request: Empty, response: z.array(Account) },
  /** Makes an account the active one (the one every page shows); answers the accounts after. */
  'accounts.activate': { request: z.strictObject({ accountId: Id }), response: z.array(Account) },
  'portfolio.summary': {
    request: z.strictObject({ accountId: Id.optional() }),
    response: PortfolioSummary,
  },
  'settings.get': { request: Empty, response: Settings },
  'settings.update': { request: SettingsPatch, response: Settings },
  /** Long tasks running, queued and recently finished. */
  'tasks.list': { request: Empty, response: z.array(TaskInfo) },
  /** Asks a long task to stop; `cancelled` is false when it had already ended. */
  'tasks.cancel': {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Places an order on the account's broker (the active account when none is named). */
  'orders.place': { request: OrderRequest, response: Order },
  /** Asks the broker to cancel; the outcome arrives as order.updated (it may fill first). */
  'orders.cancel': { request: z.strictObject({ orderId: Id }), response: Order },
  /** Replaces a working order with a new one (its answer); the old one ends as replaced, unless it fills first. */
  'orders.replace': { request: OrderChanges, response: Order },
  'orders.list': {
    request: AccountRef.extend({
      status: z.enum(['open', 'closed', 'all']).default('all'),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    response: z.array(Order),
  },
  'fills.list': {
    request: AccountRef.extend({ limit: z.number().int().min(1).max(500).default(100) }),
    response: z.array(Fill),
  },
  'positions.list': { request: AccountRef, response: z.array(Position) },
  'quotes.latest': {
    request: z.strictObject({ accountId: Id.optional(), symbols: z.array(TickerSymbol).min(1).max(100) }),
    response: z.array(Quote),
  },
  /**
   * Starts quotes for these symbols at the account's broker (pushed as 'quote' events keyed by
   * symbol to whoever subscribes that topic) and answers their latest quotes.
   */
  'quotes.subscribe': {
    request: z.strictObject({ accountId: Id.optional(), symbols: z.array(TickerSymbol).min(1).max(100) }),
    response: z.array(Quote),
  },
  'account.balances': { request: z.strictObject({ accountId: Id.optional() }), response: Balances },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

/**
 * Events the engine pushes without being asked (WebSocket `/api/events` headless,
 * `webContents.send` in the desktop app), only to clients that subscribed to them (topics.ts).
 */
export const events = {
  'app.status': z.object({ state: z.enum(['ready', 'stopping']), at: z.string() }),
  'settings.changed': Settings,
  /** The accounts changed (another became active, one was added or connected). */
  'accounts.changed': z.array(Account),
  'task.progress': TaskInfo,
  /** An order changed: placed, acknowledged, filled in part or whole, cancelled, rejected… */
  'order.updated': Order,
  /** An execution was booked (positions and cash changed with it). */
  'fill.created': Fill,
  /** An account's positions after a fill moved them (the whole list: it is short). */
  'positions.changed': z.object({ accountId: Id, positions: z.array(Position) }),
  /** A quote of a symbol someone subscribed to. */
  quote: Quote,
} as const satisfies Record<EventName, z.ZodType>;

/**
 * Events delivered per key: a client may subscribe to one key (a task, later an account or a
 * symbol) instead of the whole event. Frames of these events carry their key.
 */
export const eventKeys: { [E in EventName]?: (payload: z.output<(typeof events)[E]>) => string } = {
  'task.progress': (task) => task.id,
  'order.updated': (order) => order.accountId,
  'fill.created': (fill) => fill.accountId,
  'positions.changed': (p) => p.accountId,
  quote: (q) => quoteKey(q.feed, q.symbol),
};

/** The key of a quote topic: one symbol of one feed. */
export function quoteKey(feed: string, symbol: string): string {
  return `${feed}:${symbol}`;
}

export type Channels = typeof channels;
export type Request<C extends ChannelName> = z.input<Channels[C]['request']>;
export type Response<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;
export { isChannelName, isEventName, type ChannelName, type EventName } from './names';
