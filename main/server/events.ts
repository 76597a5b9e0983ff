import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { HTTP_EVENTS_PATH } from '../contract/http';
import { TopicMessage } from '../contract/topics';
import type { Engine } from '../engine/types';
import { authorized, hostAllowed, originAllowed } from './auth';
import { requestPath } from './request-path';

/** The event stream's frame protocol (the token rides in a second subprotocol, never echoed). */
export const EVENTS_PROTOCOL = 'keel.v1';
/** Unsent bytes a client may fall behind by before it is dropped (it reconnects and reloads). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface EventSocketOptions {
  engine: Engine;
  token: string;
  allowedHosts: ReadonlySet<string>;
  maxBufferedBytes?: number;
  log?: (line: string) => void;
}

/**
 * The `/api/events` WebSocket. A client receives only the topics it subscribes to (TopicMessage
 * text frames). A client that does not read its frames is dropped once `maxBufferedBytes` are
 * waiting for it — never buffered without bound; it reconnects and reloads what it shows.
 */
export function eventSockets(server: http.Server, options: EventSocketOptions): WebSocketServer {
  const { engine, token, allowedHosts } = options;
  const limit = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (requestPath(req) !== HTTP_EVENTS_PATH || !hostAllowed(req, allowedHosts))
      return refuse(socket, 404, 'Not Found');
    if (!originAllowed(req)) return refuse(socket, 403, 'Forbidden');
    if (!authorized(req, token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    const stream = engine.openEvents((frame) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > limit) {
        log(`dropped an event client that fell ${Math.round(ws.bufferedAmount / 1024)} KiB behind`);
        stream.close();
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(frame));
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const message = isBinary ? null : parse(String(data));
      if (!message) return ws.close(1008, 'expected {"type":"subscribe"|"unsubscribe","topics":[…]}');
      try {
        if (message.type === 'subscribe') stream.subscribe(message.topics);
        else stream.unsubscribe(message.topics);
      } catch (err) {
        ws.close(1008, (err instanceof Error ? err.message : String(err)).slice(0, 120));
      }
    });
    ws.on('close', () => stream.close());
    ws.on('error', () => stream.close());
  });
  return wss;
}

function parse(text: string): TopicMessage | null {
  try {
    const parsed = TopicMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
