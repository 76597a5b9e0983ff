import crypto from 'node:crypto';
import type http from 'node:http';
import { WS_TOKEN_PROTOCOL_PREFIX } from '../contract/http';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** A fixed token must be long and URL-safe: it rides in a URL fragment and a WebSocket subprotocol. */
export function checkTokenShape(token: string): string | null {
  if (token.length < 16) return 'the access token must be at least 16 characters';
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return 'the access token may use only letters, digits, "-" and "_"';
  return null;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Bearer header (API calls, scripts) or the token subprotocol (browsers' WebSockets). The scheme
 * name is case-insensitive (RFC 9110 §11.1): "bearer", "BEARER" and "Bearer" all work.
 */
export function requestToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  const bearer = header === undefined ? null : /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (bearer) return bearer[1]!;
  const protocols = req.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    for (const p of protocols.split(',').map((s) => s.trim())) {
      if (p.startsWith(WS_TOKEN_PROTOCOL_PREFIX)) return p.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
    }
  }
  return null;
}

export function authorized(req: http.IncomingMessage, token: string): boolean {
  const given = requestToken(req);
  return given !== null && equal(given, token);
}

/**
 * Loopback servers are reachable from any web page the user visits via DNS rebinding; refusing
 * Host headers that are not ours closes that door (the token is the second lock).
 */
export function hostAllowed(req: http.IncomingMessage, allowedHosts: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return host !== undefined && allowedHosts.has(host.toLowerCase());
}

/**
 * A browser names the page that opened a request in Origin. Only Keel's own page (served from
 * the Host this request was sent to, already checked) may use the API or the event stream; a
 * request without Origin comes from a script, not a page, and is left to the token.
 */
export function originAllowed(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
