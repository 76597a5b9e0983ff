import type { ApiError } from '../contract/errors';

/** An error that answers with a specific code (anything else thrown becomes 'internal'). */
export class EngineError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
