import http from 'node:http';
import os from 'node:os';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { failure } from '../contract/envelope';
import type { ApiError } from '../contract/errors';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../contract/http';
import type { Engine } from '../engine/types';
import { authorized, hostAllowed } from './auth';
import { requestPath } from './request-path';
import { SECURITY_HEADERS, serveStatic } from './static';

export interface ServeOptions {
  engine: Engine;
  token: string;
  host: string;
  /** 0 picks any free port; the bound one is in the answer's url. */
  port: number;
  /** Built renderer folder (out/renderer). */
  staticDir: string;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** What to open: the origin with the token in the fragment (never sent over the wire). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const STATUS: Record<ApiError['code'], number> = {
  bad_request: 400,
  unknown_channel: 404,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};
const UNAUTHORIZED = failure(
  'unauthorized',
  'Missing or wrong access token. Open the URL that `keel serve` printed.',
);

/** The headless transport: `POST /api/<channel>` and the `/api/events` WebSocket, plus the UI. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { engine, token } = options;
  const allowedHosts = new Set<string>();
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    // One bad request must never take the engine down: anything unexpected becomes a 500.
    const crash = (err: unknown) => {
      process.stderr.write(
        `keel: request ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      if (!res.headersSent)
        sendJson(
          res,
          500,
          failure('internal', 'The request failed inside Keel. This is a bug; please report it.'),
        );
      else res.destroy();
    };
    try {
      route(req, res).catch(crash);
    } catch (err) {
      crash(err);
    }
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req, allowedHosts))
      return sendJson(
        res,
        403,
        failure('unauthorized', 'This server answers only on its own address (Host header refused).'),
      );
    const path = requestPath(req);
    if (path === null)
      return sendJson(
        res,
        400,
        failure('bad_request', 'Request targets must be paths such as /api/app.info.'),
      );
    if (path.startsWith(HTTP_API_PREFIX)) return handleApi(req, res, path.slice(HTTP_API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(
        res,
        405,
        failure('bad_request', 'Only GET for pages; the API is POST /api/<channel>.'),
      );
    serveStatic(options.staticDir, req, res);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    channel: string,
  ): Promise<void> {
    if (!authorized(req, token)) {
      req.resume();
      return sendJson(res, 401, UNAUTHORIZED, { 'www-authenticate': 'Bearer realm="keel"' });
    }
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, failure('bad_request', `Use POST /api/${channel} with a JSON body.`), {
        allow: 'POST',
      });
    }
    let body: unknown;
    try {
      const text = await readBody(req);
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendJson(res, 413, failure('bad_request', err.message), { connection: 'close' });
      }
      return sendJson(
        res,
        400,
        failure(
          'bad_request',
          `The request body must be JSON: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    }
    const envelope = await engine.dispatch(channel, body);
    sendJson(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Answer with the plain protocol name: never echo the token back.
    handleProtocols: (protocols) => (protocols.has('keel.v1') ? 'keel.v1' : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const path = requestPath(req);
    if (path !== HTTP_EVENTS_PATH || !hostAllowed(req, allowedHosts)) return refuse(socket, 404, 'Not Found');
    if (!authorized(req, token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = engine.onEvent((frame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    // The stream is one-way; anything a client sends is ignored.
  });

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${options.port} on ${options.host} is already in use. Pick another with --port, or --port 0 for any free port.`,
          ),
        );
      } else reject(err);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  for (const h of hostNames(options.host)) {
    allowedHosts.add(`${h}:${port}`.toLowerCase());
    // Browsers leave the default port out of the Host header.
    if (port === 80) allowedHosts.add(h.toLowerCase());
  }
  const hostForUrl =
    options.host === '0.0.0.0' || options.host === '::'
      ? '127.0.0.1'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host;
  const origin = `http://${hostForUrl}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    origin,
    url: `${origin}/#token=${token}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.close(1001, 'server shutting down');
        wss.close();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open; the engine is going away anyway.
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

const bracket = (h: string) => (h.includes(':') ? `[${h}]` : h);

/**
 * Host header values this server answers to: loopback names, the bound address, and — only when
 * the user binds every interface (0.0.0.0 or ::) to reach Keel from another device — this
 * machine's own addresses and name. Any other name (a rebinding attacker's domain) is refused.
 */
export function hostNames(bound: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bracket(bound)]);
  if (bound === '0.0.0.0' || bound === '::') {
    names.add(os.hostname());
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.add(bracket(a.address.split('%')[0]!));
    }
  }
  return [...names];
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}

class BodyTooLarge extends Error {}

/** Reads a JSON body up to MAX_BODY; past that it keeps draining (so the 413 can be read) but stores nothing. */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) chunks.length = 0;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) reject(new BodyTooLarge(`The request body is larger than ${MAX_BODY} bytes.`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
