import type http from 'node:http';
import { SECURITY_HEADERS } from './static';

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(res, status, Buffer.from(JSON.stringify(body)), headers);
}

/** Sends JSON already encoded (a shared answer is encoded once for all its callers). */
export function sendJsonText(
  res: http.ServerResponse,
  status: number,
  text: Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': text.length,
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}
