import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './names';
import { Empty, Id } from './primitives';
import { Account, AppInfo, PortfolioSummary, Settings, SettingsPatch } from './schemas';

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
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

/**
 * Events the engine pushes without being asked (WebSocket `/api/events` headless,
 * `webContents.send` in the desktop app).
 */
export const events = {
  'app.status': z.object({ state: z.enum(['ready', 'stopping']), at: z.string() }),
  'settings.changed': Settings,
  'portfolio.changed': z.object({ accountId: Id }),
} as const satisfies Record<EventName, z.ZodType>;

export type Channels = typeof channels;
export type Request<C extends ChannelName> = z.input<Channels[C]['request']>;
export type Response<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;
export { isChannelName, isEventName, type ChannelName, type EventName } from './names';
