import {
  HTTP_EVENTS_PATH,
  WS_TOKEN_PROTOCOL_PREFIX,
  createClient,
  type KeelClient,
} from '../../main/contract';
import { EventSocket, type SocketStatus } from './eventSocket';
import { createHttpTransport } from './httpTransport';
import { captureToken, forgetToken } from './token';

/** The WebSocket subprotocol naming this client's event-frame format. */
export const EVENTS_PROTOCOL = 'keel.v1';

export type Connection =
  | { kind: 'desktop'; client: KeelClient }
  | { kind: 'headless'; client: KeelClient; events: EventSocket }
  | { kind: 'needs-link' };

export interface ConnectHooks {
  onUnauthorized: () => void;
  onEventsStatus: (status: SocketStatus) => void;
  onReconnected: () => void;
}

/** The events URL on this page's host, ws: or wss: to match http: or https:. */
export function eventsUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${HTTP_EVENTS_PATH}`;
}

/** The preload bridge inside Electron; otherwise HTTP + WebSocket to `keel serve`, if we hold a token. */
export function connect(hooks: ConnectHooks): Connection {
  if (window.keel) return { kind: 'desktop', client: createClient(window.keel) };

  const token = captureToken();
  if (!token) return { kind: 'needs-link' };

  const events = new EventSocket({
    url: eventsUrl(window.location),
    protocols: [EVENTS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + token],
    onStatus: hooks.onEventsStatus,
    onReconnected: hooks.onReconnected,
  });
  const transport = createHttpTransport({
    token,
    events,
    onUnauthorized: () => {
      forgetToken();
      events.close();
      hooks.onUnauthorized();
    },
  });
  return { kind: 'headless', client: createClient(transport), events };
}
