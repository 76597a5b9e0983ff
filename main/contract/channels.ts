import { z } from 'zod';
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
} as const;

/**
 * Events the engine pushes without being asked (WebSocket `/api/events` headless,
 * `webContents.send` in the desktop app).
 */
export const events = {
  'app.status': z.object({ state: z.enum(['ready', 'stopping']), at: z.string() }),
  'settings.changed': Settings,
  'portfolio.changed': z.object({ accountId: Id }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Request<C extends ChannelName> = z.input<Channels[C]['request']>;
export type Response<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
