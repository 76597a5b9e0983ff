import path from 'node:path';

/** JavaScript that starts a TypeScript worker entry from source (the built app runs out/main/worker.js). */
export function tsWorkerScript(entry: string): string {
  return `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
}

/** The test tasks' worker, as eval source for WorkerPool / EngineOptions.workerScript. */
export const TEST_WORKER = tsWorkerScript(path.join(__dirname, 'test-worker.ts'));
/** The engine's own worker entry, from source. */
export const ENGINE_WORKER = tsWorkerScript(path.join(__dirname, '..', '..', 'worker.ts'));
