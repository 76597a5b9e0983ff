import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { requestPath } from './request-path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Same policy as the desktop window. connect-src 'self' also covers the same-origin WebSocket
 * (CSP 3); 'ws:' would let an injected script reach any host.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** Serves the built renderer; never leaves `root` (path traversal is answered 404). */
export function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const raw = requestPath(req);
  if (raw === null) return notFound(res);
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return notFound(res);
  }
  // fs throws synchronously on a NUL byte; such a path names no file of ours anyway.
  if (rel.includes('\0')) return notFound(res);
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) {
      if (rel === '/index.html') {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        res.end('The Keel UI is not built. Run `npm run build` (or `npm start`), then reload.\n');
        return;
      }
      return notFound(res);
    }
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    // Hashed assets may be cached forever; index.html never, so a rebuild shows at once.
    const cache = rel === '/index.html' ? 'no-store' : 'public, max-age=31536000, immutable';
    res.writeHead(200, {
      'content-type': type,
      'content-length': stat.size,
      'cache-control': cache,
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  });
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end('Not found\n');
}
