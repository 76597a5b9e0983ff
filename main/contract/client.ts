import type { ChannelName, EventName, EventPayload, Request, Response } from './channels';
import { KeelApiError, type Envelope } from './errors';

/** What a transport must do; the IPC preload bridge and the HTTP client both implement it. */
export interface Transport {
  invoke(channel: ChannelName, request: unknown): Promise<Envelope<unknown>>;
  /** Listens to an event (all its frames, or those of one key); returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void, key?: string): () => void;
}

export interface KeelClient {
  call<C extends ChannelName>(channel: C, request: Request<C>): Promise<Response<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void, key?: string): () => void;
}

/** Typed client derived from the channel map; throws KeelApiError when the engine says no. */
export function createClient(transport: Transport): KeelClient {
  return {
    async call(channel, request) {
      const envelope = await transport.invoke(channel, request);
      if (!envelope.ok) throw new KeelApiError(envelope.error);
      return envelope.data as never;
    },
    on(event, listener, key) {
      return transport.subscribe(event, listener as (payload: unknown) => void, key);
    },
  };
}
