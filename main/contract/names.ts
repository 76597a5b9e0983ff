/**
 * Channel and event names without their schemas: the preload bridge needs only these, and must
 * stay a small single file with no zod inside a sandboxed renderer. channels.ts checks at compile
 * time that its maps have exactly these keys.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'accounts.list',
  'accounts.activate',
  'portfolio.summary',
  'settings.get',
  'settings.update',
  'tasks.list',
  'tasks.cancel',
  'orders.place',
  'orders.cancel',
  'orders.replace',
  'orders.list',
  'fills.list',
  'positions.list',
  'quotes.latest',
  'quotes.subscribe',
  'account.balances',
] as const;
export const EVENT_NAMES = [
  'app.status',
  'settings.changed',
  'accounts.changed',
  'task.progress',
  'order.updated',
  'fill.created',
  'positions.changed',
  'quote',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** The one IPC channel on which the desktop shell pushes `{event, key?, payload}` frames. */
export const IPC_EVENT_CHANNEL = 'keel:event';
/** The IPC channel on which a window says which topics it wants (a TopicMessage). */
export const IPC_TOPICS_CHANNEL = 'keel:topics';

const channelSet: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && channelSet.has(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
