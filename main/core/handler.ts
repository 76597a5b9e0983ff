import type { z } from 'zod';
import type { channels, ChannelName, EventName, EventPayload, Response } from '../contract/channels';

/** What a handler knows about its call besides the request. */
export interface CallContext {
  /** Aborts when the caller went away (HTTP connection closed, window closed). */
  signal: AbortSignal;
}

/** Answers one channel; the request has already been validated against its schema. */
export type Handler<C extends ChannelName> = (
  request: z.output<(typeof channels)[C]['request']>,
  ctx: CallContext,
) => Promise<Response<C>> | Response<C>;

/** The whole contract; each capability supplies its part (see engine/handlers.ts). */
export type HandlerTable = { [C in ChannelName]: Handler<C> };

/** Pushes an event to the clients subscribed to it (the engine's EventBus.emit). */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
