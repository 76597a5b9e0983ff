import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { findUiFile, mimeTypeFor, UI_CONTENT_SECURITY_POLICY } from '../platform/ui-files';
import { requestPath } from './request-path';

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': UI_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** Serves the built renderer; never leaves `root` and never follows a symbolic link (404). */
export async function serveStatic(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const raw = requestPath(req);
  if (raw === null) return notFound(res);
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return notFound(res);
  }
  const found = await findUiFile(root, rel);
  const isIndex = (rel.replace(/^\/+/, '') || 'index.html') === 'index.html';
  if (!found) {
    if (isIndex && !fs.existsSync(path.join(root, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('The Keel UI is not built. Run `npm run build` (or `npm start`), then reload.\n');
      return;
    }
    return notFound(res);
  }
  // Hashed assets may be cached forever; index.html never, so a rebuild shows at once.
  const cache = isIndex ? 'no-store' : 'public, max-age=31536000, immutable';
  res.writeHead(200, {
    'content-type': mimeTypeFor(found.file),
    'content-length': found.size,
    'cache-control': cache,
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(found.file).pipe(res);
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end('Not found\n');
}
