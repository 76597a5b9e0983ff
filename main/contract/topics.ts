import { z } from 'zod';
import { EVENT_NAMES } from './names';

/**
 * A subscription: every frame of an event, or (for keyed events, see `eventKeys`) only the
 * frames of one key. Pages subscribe to what they show; nothing else is sent to them.
 */
export const Topic = z.strictObject({
  event: z.enum(EVENT_NAMES),
  key: z.string().min(1).max(256).optional(),
});
export type Topic = z.infer<typeof Topic>;

/** Most topics one client may hold at once. */
export const MAX_TOPICS = 256;

/** What a client sends on the event stream (WebSocket text frame, or the IPC topics channel). */
export const TopicMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), topics: z.array(Topic).min(1).max(MAX_TOPICS) }),
  z.strictObject({ type: z.literal('unsubscribe'), topics: z.array(Topic).min(1).max(MAX_TOPICS) }),
]);
export type TopicMessage = z.infer<typeof TopicMessage>;

/** One string per topic, for sets and maps. */
export const topicId = (t: { event: string; key?: string | undefined }): string =>
  t.key === undefined ? t.event : `${t.event}\u0000${t.key}`;
