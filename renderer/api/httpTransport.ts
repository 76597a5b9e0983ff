import { HTTP_API_PREFIX, type ChannelName, type Envelope, type Transport } from '../../main/contract';
import { failure, isEnvelope } from './envelope';
import type { EventSocket } from './eventSocket';

export interface HttpTransportOptions {
  token: string;
  /** Pushed events; one shared WebSocket for every subscriber. */
  events: Pick<EventSocket, 'subscribe'>;
  /** Called when the engine rejects the token (HTTP 401 or an `unauthorized` envelope). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

const RESTART_HINT = 'Check that `keel serve` is still running, then reload this page.';

/** The headless transport: POST /api/<channel> with the bearer token, JSON envelope back. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function invoke(channel: ChannelName, request: unknown): Promise<Envelope<unknown>> {
    let response: Response;
    try {
      response = await doFetch(HTTP_API_PREFIX + channel, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify(request ?? {}),
      });
    } catch (err) {
      const reason = err instanceof Error && err.message ? ` (${err.message})` : '';
      return failure('unavailable', `Could not reach the Keel engine${reason}. ${RESTART_HINT}`);
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }

    if (response.status === 401 || (isEnvelope(body) && !body.ok && body.error.code === 'unauthorized')) {
      options.onUnauthorized?.();
      return isEnvelope(body) ? body : failure('unauthorized', 'The access token was not accepted.');
    }
    if (isEnvelope(body)) return body;
    return failure(
      'unavailable',
      `The Keel engine answered ${channel} with HTTP ${response.status} but no JSON envelope. ${RESTART_HINT}`,
    );
  }

  return {
    invoke,
    subscribe: (event, listener, key) => options.events.subscribe(event, listener, key),
  };
}
