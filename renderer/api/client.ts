import { KeelApiError, type ErrorCode, type KeelClient } from '../../main/contract';

let current: KeelClient | null = null;

/** Installs the client once at start-up (see main.tsx). */
export function setApi(client: KeelClient): void {
  current = client;
}

/** The typed engine client every store talks through. */
export function api(): KeelClient {
  if (!current) throw new Error('The Keel client is not connected yet.');
  return current;
}

export interface ErrorInfo {
  code: string;
  message: string;
  /** What the user can do about it. */
  hint: string;
}

const RETRY_HINT =
  'The engine failed while answering; its log has the details. Retry, and report it if it persists.';

const HINTS: Record<ErrorCode, string> = {
  unavailable: 'Make sure the Keel engine is running (`keel serve` or the desktop app), then retry.',
  busy: 'Keel is busy with other work, or another program has its database open. Retry in a moment.',
  timeout: 'It took too long and was stopped. Retry; if it keeps happening, ask for less at a time.',
  cancelled: 'It was cancelled before it finished. Retry if you still need it.',
  unauthorized: 'Open the access link printed by `keel serve` again.',
  not_found: 'The account may have been removed. Reload to pick up the current accounts.',
  bad_request: 'This is a bug in Keel: the page sent a request the engine did not accept.',
  unknown_channel: 'The engine is a different version from this page. Reload the page.',
  conflict: 'Something changed at the same time. Retry.',
  rejected: 'The broker refused the order for the reason shown. Change the order and send it again.',
  internal: RETRY_HINT,
};

/** A thrown value as something a page can show: what went wrong and what to do. */
export function describeError(err: unknown): ErrorInfo {
  if (err instanceof KeelApiError) {
    return { code: err.code, message: err.message, hint: HINTS[err.code] ?? RETRY_HINT };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, hint: RETRY_HINT };
}
