// The worker-thread side of a pool: runs the jobs it is sent, one at a time, with the same task
// code as the inline executor. Kept apart from the thread entry so it can be tested in-process
// over a MessageChannel.
import type { MessagePort } from 'node:worker_threads';
import { systemClock, type Clock } from '../core/clock';
import { createStore, openDb, type Store } from '../store';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';
import { runTask } from './run-task';
import type { Registry } from './task';

type Port = Pick<MessagePort, 'on' | 'postMessage'>;

export function serveTasks(
  port: Port,
  registry: Registry,
  init: WorkerInit,
  clock: Clock = systemClock,
): void {
  const flag = new Int32Array(init.cancelFlag);
  let reader: Store | undefined;
  let writer: Store | undefined;
  const storeFor = (kind: 'read' | 'write'): Store => {
    const nativeBinding = init.sqliteBinding;
    if (kind === 'write')
      return (writer ??= createStore(openDb(init.dataDir, { nativeBinding, migrate: false })));
    return (reader ??= createStore(openDb(init.dataDir, { readonly: true, nativeBinding })));
  };
  let current: { id: number; controller: AbortController } | null = null;
  let chain = Promise.resolve();

  const post = (message: FromWorker) => port.postMessage(message);
  const postResult = (message: Extract<FromWorker, { type: 'result' }>) => {
    try {
      post(message);
    } catch (err) {
      // A result that cannot be copied to the engine (a function, a class instance) is a task bug.
      post({
        type: 'result',
        id: message.id,
        ok: false,
        message: `The task's result could not be sent back: ${(err as Error).message}`,
        code: undefined,
        stack: undefined,
      });
    }
  };

  async function run(msg: Extract<ToWorker, { type: 'run' }>): Promise<void> {
    const def = registry[msg.task];
    const controller = new AbortController();
    current = { id: msg.id, controller };
    try {
      if (!def) throw new Error(`There is no task "${msg.task}".`);
      const result = await runTask(def, msg.input, {
        store: storeFor(def.kind),
        clock,
        lockWaitMs: init.lockWaitMs,
        isCancelled: () => controller.signal.aborted || Atomics.load(flag, 0) === msg.id,
        signal: controller.signal,
        onProgress: (progress) => post({ type: 'progress', id: msg.id, progress }),
      });
      postResult({ type: 'result', id: msg.id, ok: true, result });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (e as { code?: unknown }).code;
      postResult({
        type: 'result',
        id: msg.id,
        ok: false,
        message: e.message,
        code: typeof code === 'string' ? code : undefined,
        stack: e.stack,
      });
    } finally {
      current = null;
    }
  }

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'cancel') {
      if (current?.id === msg.id) current.controller.abort();
    } else if (msg.type === 'run') chain = chain.then(() => run(msg));
  });
}
