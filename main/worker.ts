// Worker-thread entry (built to out/main/worker.js): serves the engine's tasks on a thread of a
// lane's pool. Plain Node, like the engine.
import { parentPort, workerData } from 'node:worker_threads';
import { registry } from './engine/tasks';
import type { WorkerInit } from './workers/protocol';
import { serveTasks } from './workers/runtime';

serveTasks(parentPort!, registry, workerData as WorkerInit);
