// Zod-free on purpose: the sandboxed preload builds envelopes too and must stay a small file.
import type { ApiError, Envelope, Issue } from './errors';

/** The error answer every transport gives: `{ ok: false, error: { code, message, issues? } }`. */
export function failure(code: ApiError['code'], message: string, issues?: Issue[]): Envelope<never> {
  return { ok: false, error: issues === undefined ? { code, message } : { code, message, issues } };
}
