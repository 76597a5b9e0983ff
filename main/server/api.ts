import type http from 'node:http';
import { failure } from '../contract/envelope';
import type { ApiError } from '../contract/errors';
import type { Engine } from '../engine/types';
import { authorized } from './auth';
import { sendJson, sendJsonText } from './send';

/** Largest request body; API requests are small JSON objects. */
export const MAX_BODY = 1024 * 1024;

export const STATUS: Record<ApiError['code'], number> = {
  bad_request: 400,
  unknown_channel: 404,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  busy: 503,
  timeout: 504,
  // nginx's code for a client that closed the connection first; nobody is left to read it.
  cancelled: 499,
  unavailable: 503,
  // The request was fine; the broker would not take the order (Unprocessable Content).
  rejected: 422,
  internal: 500,
};
/** Seconds a client should wait before retrying a 'busy' answer. */
export const BUSY_RETRY_AFTER_S = 1;

/**
 * Encoded answers by their data: callers of one shared query get the same data object from the
 * engine, and it is turned into bytes once (the engine's answers are never changed afterwards).
 */
const encoded = new WeakMap<object, Buffer>();
function okBody(data: unknown): Buffer {
  if (typeof data !== 'object' || data === null) return Buffer.from(JSON.stringify({ ok: true, data }));
  let body = encoded.get(data);
  if (!body) encoded.set(data, (body = Buffer.from(JSON.stringify({ ok: true, data }))));
  return body;
}

const UNAUTHORIZED = failure(
  'unauthorized',
  'Missing or wrong access token. Open the URL that `keel serve` printed.',
);

/**
 * `POST /api/<channel>` with a JSON body → the engine's envelope. If the client goes away before
 * the answer (closed tab, killed script), the call is cancelled and the work it started stops.
 */
export async function handleApi(
  engine: Engine,
  token: string,
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
  // Listening only until the answer is ready: a 'close' before then means the client left.
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  const envelope = await engine.dispatch(channel, body, { signal: gone.signal });
  res.off('close', onClose);
  if (res.destroyed) return;
  if (envelope.ok) return sendJsonText(res, 200, okBody(envelope.data));
  const retry: Record<string, string> =
    envelope.error.code === 'busy' ? { 'retry-after': String(BUSY_RETRY_AFTER_S) } : {};
  sendJson(res, STATUS[envelope.error.code], envelope, retry);
}

class BodyTooLarge extends Error {}

/** Reads a body up to MAX_BODY; past that it keeps draining (so the 413 can be read) but stores nothing. */
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
