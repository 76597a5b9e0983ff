import type http from 'node:http';

/**
 * The path of a request target, still percent-encoded, without query or fragment; null unless the
 * target is in origin-form ("/…"). Never parsed with `new URL(target, base)`: that reads "//x" as
 * a host name and throws on hostile targets such as "//%00" (found in review).
 */
export function requestPath(req: http.IncomingMessage): string | null {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}
