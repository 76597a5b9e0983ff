import { ErrorCode, type ApiError } from '../contract/errors';

/**
 * An error that answers with a specific code (anything else thrown becomes 'internal'). Lives in
 * core/ so every layer (store, workers, engine) can raise one without importing the engine.
 */
export class EngineError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Rebuilds an EngineError that crossed a thread boundary as {code, message}. */
export function reviveError(message: string, code: string | undefined, stack?: string): Error {
  const err = code !== undefined && isApiCode(code) ? new EngineError(code, message) : new Error(message);
  if (stack !== undefined) err.stack = stack;
  return err;
}

function isApiCode(code: string): code is ApiError['code'] {
  return (ErrorCode.options as readonly string[]).includes(code);
}
