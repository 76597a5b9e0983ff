// Worker-thread entry (built to out/main/worker.js). Opens its own SQLite connections: a
// read-only one for queries (WAL lets it read while the engine writes) and, only when a task
// writes, a read-write one.
import { parentPort, workerData } from 'node:worker_threads';
import { createStore, openDb, type Store } from '../store';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';
import { tasks, writingTasks } from './tasks';

const init = workerData as WorkerInit;
let reader: Store | undefined;
let writer: Store | undefined;

function storeFor(task: TaskMessage['task']): Store {
  const nativeBinding = init.sqliteBinding;
  if (writingTasks.has(task)) return (writer ??= createStore(openDb(init.dataDir, { nativeBinding })));
  return (reader ??= createStore(openDb(init.dataDir, { readonly: true, nativeBinding })));
}

parentPort!.on('message', (msg: TaskMessage | 'close') => {
  if (msg === 'close') {
    reader?.db.close();
    writer?.db.close();
    parentPort!.close();
    return;
  }
  let reply: ResultMessage;
  try {
    const result = (tasks[msg.task] as (s: Store, i: unknown) => unknown)(storeFor(msg.task), msg.input);
    reply = { id: msg.id, ok: true, result };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = {
      id: msg.id,
      ok: false,
      message: e.message,
      ...(e.stack === undefined ? {} : { stack: e.stack }),
    };
  }
  parentPort!.postMessage(reply);
});
