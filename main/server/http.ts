import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { failure } from '../contract/envelope';
import { HTTP_API_PREFIX } from '../contract/http';
import { sleep, systemClock, type Clock } from '../core/clock';
import type { Engine } from '../engine/types';
import { handleApi } from './api';
import { hostAllowed, originAllowed } from './auth';
import { eventSockets } from './events';
import { allowedHostHeaders, originFor } from './hosts';
import { requestPath } from './request-path';
import { sendJson } from './send';
import { serveStatic } from './static';

export interface ServeOptions {
  engine: Engine;
  token: string;
  host: string;
  /** 0 picks any free port; the bound one is in the answer's url. */
  port: number;
  /** Built renderer folder (out/renderer). */
  staticDir: string;
  /** Unsent event bytes after which a slow client is dropped (default MAX_BUFFERED_BYTES). */
  maxBufferedBytes?: number;
  log?: (line: string) => void;
  /** For the shutdown drain's deadline (default: the system clock). */
  clock?: Clock;
}

/** At close, how long API calls under way may take to finish before their connections are cut. */
export const DRAIN_MS = 5_000;

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** What to open: the origin with the token in the fragment (never sent over the wire). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The headless transport: `POST /api/<channel>` and the `/api/events` WebSocket, plus the UI. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { engine, token } = options;
  const allowedHosts = new Set<string>();
  const sockets = new Set<Socket>();
  /** API calls under way: at close they finish (a write is never cut off mid-answer). */
  const inFlight = new Set<Promise<void>>();

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
    if (path.startsWith(HTTP_API_PREFIX)) {
      if (!originAllowed(req)) {
        req.resume();
        return sendJson(
          res,
          403,
          failure('unauthorized', 'The API answers only Keel’s own page (Origin refused).'),
        );
      }
      const call = handleApi(engine, token, req, res, path.slice(HTTP_API_PREFIX.length));
      inFlight.add(call);
      return call.finally(() => inFlight.delete(call));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(
        res,
        405,
        failure('bad_request', 'Only GET for pages; the API is POST /api/<channel>.'),
      );
    return serveStatic(options.staticDir, req, res);
  }

  const wss = eventSockets(server, {
    engine,
    token,
    allowedHosts,
    log: options.log ?? ((line) => process.stderr.write(`keel: ${line}\n`)),
    ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
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
  for (const h of allowedHostHeaders(options.host, port)) allowedHosts.add(h);
  const origin = originFor(options.host, port);

  let closing: Promise<void> | undefined;
  return {
    origin,
    url: `${origin}/#token=${token}`,
    port,
    close() {
      closing ??= (async () => {
        for (const client of wss.clients) client.close(1001, 'server shutting down');
        wss.close();
        // No new connections; idle keep-alive ones go now.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Calls under way finish and are answered (their writes are not treated as abandoned),
        // within a deadline; then whatever is left is cut.
        if (inFlight.size > 0)
          await Promise.race([
            Promise.allSettled([...inFlight]),
            sleep(options.clock ?? systemClock, DRAIN_MS),
          ]);
        for (const s of sockets) s.destroy();
        await closed;
      })();
      return closing;
    },
  };
}
