import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './names';
import { Empty, Id } from './primitives';
import { Account, AppInfo, PortfolioSummary, Settings, SettingsPatch, TaskInfo } from './schemas';

/**
 * The one map of request/response channels between engine and UI. Names are namespaced
 * `<area>.<verb>`; both transports (Electron IPC and headless HTTP) serve exactly this map.
 */
export const channels = {
  'app.info': { request: Empty, response: AppInfo },
  'accounts.list': { request: Empty, response: z.array(Account) },
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
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

/**
 * Events the engine pushes without being asked (WebSocket `/api/events` headless,
 * `webContents.send` in the desktop app), only to clients that subscribed to them (topics.ts).
 */
export const events = {
  'app.status': z.object({ state: z.enum(['ready', 'stopping']), at: z.string() }),
  'settings.changed': Settings,
  'task.progress': TaskInfo,
} as const satisfies Record<EventName, z.ZodType>;

/**
 * Events delivered per key: a client may subscribe to one key (a task, later an account or a
 * symbol) instead of the whole event. Frames of these events carry their key.
 */
export const eventKeys: { [E in EventName]?: (payload: z.output<(typeof events)[E]>) => string } = {
  'task.progress': (task) => task.id,
};

export type Channels = typeof channels;
export type Request<C extends ChannelName> = z.input<Channels[C]['request']>;
export type Response<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;
export { isChannelName, isEventName, type ChannelName, type EventName } from './names';
