import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { mimeTypeFor, resolveUiFile, UI_CONTENT_SECURITY_POLICY } from '../platform/ui-files';
import { requestPath } from './request-path';

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': UI_CONTENT_SECURITY_POLICY,
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
  const file = resolveUiFile(root, rel);
  if (file === null) return notFound(res);
  const isIndex = file === path.join(root, 'index.html');
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) {
      if (isIndex) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        res.end('The Keel UI is not built. Run `npm run build` (or `npm start`), then reload.\n');
        return;
      }
      return notFound(res);
    }
    const type = mimeTypeFor(file);
    // Hashed assets may be cached forever; index.html never, so a rebuild shows at once.
    const cache = isIndex ? 'no-store' : 'public, max-age=31536000, immutable';
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
