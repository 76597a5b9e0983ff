import { dialog } from 'electron';

/** A startup step that failed, with what the user can do about it. */
export class StartupError extends Error {
  constructor(
    readonly step: string,
    readonly advice: string,
    cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StartupError';
  }
}

/** Runs one startup step, turning its failure into a StartupError that says what failed and what to do. */
export async function step<T>(what: string, advice: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof StartupError ? error : new StartupError(what, advice, error);
  }
}

export function startupErrorText(error: unknown): string {
  if (error instanceof StartupError) return `${error.message}\n\n${error.advice}`;
  const message = error instanceof Error ? error.message : String(error);
  return `${message}\n\nPlease start Keel again. If this keeps happening, report it with this message.`;
}

/** Native dialog (safe before app 'ready'), plus stderr for terminal and CI runs. */
export function showStartupError(error: unknown): void {
  const text = startupErrorText(error);
  console.error(`Keel could not start.\n${text}`);
  if (error instanceof Error && error.cause instanceof Error && error.cause.stack)
    console.error(error.cause.stack);
  dialog.showErrorBox('Keel could not start', text);
}
