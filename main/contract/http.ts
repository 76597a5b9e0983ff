/** Where the headless transport lives, shared by server and browser client. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
/** Browsers cannot set headers on a WebSocket: the token rides in this subprotocol instead. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'keel.token.';
/** Pushed event frame on every transport; `key` is set on keyed events (see `eventKeys`). */
export interface EventFrame {
  event: string;
  key?: string;
  payload: unknown;
}
