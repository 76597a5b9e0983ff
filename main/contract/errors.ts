import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_request',
  'unknown_channel',
  'unauthorized',
  'not_found',
  'conflict',
  /** Keel is at capacity for this kind of work, or the database is locked elsewhere: retry shortly. */
  'busy',
  /** The work took longer than its time limit and was stopped. */
  'timeout',
  /** The caller went away or asked to stop; nothing was kept. */
  'cancelled',
  'unavailable',
  /** The broker refused the order; the message carries the broker's own code and reason. */
  'rejected',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Issue = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(Issue).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Every transport answers with this envelope, so the renderer handles errors one way. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Thrown by the typed client when the engine answers ok:false. */
export class KeelApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'KeelApiError';
    this.code = error.code;
    this.issues = error.issues;
  }
}
