import { protocol } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findUiFile, mimeTypeFor, resolveUiFile } from '../main/platform/ui-files';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { UI_CONTENT_SECURITY_POLICY } from '../main/platform/ui-files';

/**
 * Declares keel:// a standard, secure scheme so the UI gets a real origin, secure-context APIs and
 * fetch(). Electron only accepts this before the app is ready, so main.ts calls it at load time.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer (out/renderer) on keel://app/. Call once the app is ready. */
export function installAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

/**
 * Maps a keel://app URL to a file inside `root`, or null when it points anywhere else: another
 * host, a malformed escape, a NUL byte, or a path that climbs out (`..`, `%2e%2e%2f`, `..\`).
 */
export function resolveAppPath(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  return resolveUiFile(root, pathname);
}

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return plain(403, 'Forbidden');
    const found = (await readIfFile(root, filePath)) ?? (await spaFallback(root, filePath));
    if (found === null) return plain(404, 'Not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(found.body), {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': mimeTypeFor(found.path) },
    });
  };
}

/** Client-side routes (no file extension) get the app shell; missing assets stay 404. */
async function spaFallback(root: string, filePath: string): Promise<{ path: string; body: Buffer } | null> {
  if (path.extname(filePath) !== '') return null;
  return readIfFile(root, path.join(root, 'index.html'));
}

/** The file's bytes if it is a regular file inside `root` reached without a symbolic link. */
async function readIfFile(root: string, filePath: string): Promise<{ path: string; body: Buffer } | null> {
  const found = await findUiFile(root, `/${path.relative(root, filePath).split(path.sep).join('/')}`);
  if (!found) return null;
  try {
    return { path: found.file, body: await fs.readFile(found.file) };
  } catch {
    return null;
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The files change with every build; never let Chromium serve a stale bundle.
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
