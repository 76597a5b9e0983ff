// Worker entry for the pool tests: the runtime serving the test tasks.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit } from '../protocol';
import { serveTasks } from '../runtime';
import { testTasks } from './test-tasks';

serveTasks(parentPort!, testTasks, workerData as WorkerInit);
