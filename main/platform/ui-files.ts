import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * How the built UI (out/renderer) is served, the same way by both shells: the desktop app's
 * keel:// protocol and the headless HTTP server.
 */

/**
 * Everything comes from the app's own origin; nothing may be framed, posted or based elsewhere.
 * connect-src 'self' covers the headless event WebSocket too (CSP 3); 'ws:' would let injected
 * script reach any host.
 */
export const UI_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // 'unsafe-inline' for styles only: React's `style={...}` props and the chart library set inline
  // style attributes, which CSP treats as inline styles. Scripts stay strict, which is what matters.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
};

export const UI_CONTENT_SECURITY_POLICY = Object.entries(UI_CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Types of what a Vite build emits. Unknown extensions are served as bytes, never sniffed. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `root` that a decoded URL path names ('/' = index.html), or null when it would
 * leave `root` (`..`, an absolute path) or holds what no built asset's name has: a NUL byte (fs
 * throws on it) or a backslash (a separator on Windows).
 */
export function resolveUiFile(root: string, decodedPath: string): string | null {
  if (decodedPath.includes('\0') || decodedPath.includes('\\')) return null;
  const relative = decodedPath.replace(/^\/+/, '') || 'index.html';
  const resolved = path.resolve(root, relative);
  const inside = path.relative(root, resolved);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return resolved;
}

/**
 * The regular file a decoded URL path names inside `root`, or null: outside `root`, missing, not
 * a file, or reached through a symbolic link anywhere below `root`. Links are never followed,
 * so a link planted in the UI folder cannot expose a file elsewhere on the machine.
 */
export async function findUiFile(
  root: string,
  decodedPath: string,
): Promise<{ file: string; size: number } | null> {
  const file = resolveUiFile(root, decodedPath);
  if (file === null) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (realFile !== path.join(realRoot, path.relative(root, file))) return null;
    const stat = await fs.lstat(realFile);
    return stat.isFile() ? { file: realFile, size: stat.size } : null;
  } catch {
    return null;
  }
}
