import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock';
import { tempDb } from '../store/testing/db';
import type { WorkerPool } from '../workers/pool';
import { testTasks } from '../workers/testing/test-tasks';
import { TEST_WORKER } from '../workers/testing/scripts';
import { createTaskRunner } from '../workers/runner';
import { createExecutors, type ExecutorOptions } from './executors';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function make(over: Partial<ExecutorOptions> = {}) {
  const env = tempDb();
  const ex = createExecutors({
    registry: testTasks,
    dataDir: env.dir,
    clock: new ManualClock(),
    lockWaitMs: 100,
    ...over,
  });
  cleanups.push(
    () => env.cleanup(),
    async () => {
      for (const lane of Object.values(ex.lanes)) await lane.close();
      ex.dispose();
    },
  );
  return { ex, env };
}
let id = 1;
const job = (task: string, input: unknown = {}) => ({ id: id++, task, input });

describe('executors', () => {
  it('without a worker script run on this thread: reads read-only, writes on the writer connection', async () => {
    const { ex, env } = make();
    // This thread: the test's own (not always the main thread: a runner may put tests on workers).
    expect(await ex.lanes.interactive.execute(job('thread'), () => {})).toBe(threadId);
    expect(await ex.lanes.batch.execute(job('thread'), () => {})).toBe(threadId);
    await expect(ex.lanes.interactive.execute(job('writeFromRead', { key: 'x' }), () => {})).rejects.toThrow(
      /readonly/i,
    );
    expect(await ex.lanes.write.execute(job('save', { key: 'k', value: 1 }), () => {})).toBe(2);
    expect(env.db.prepare('SELECT key FROM settings').pluck().all()).toEqual(['k']);
  });

  it('are done with their connections once disposed', async () => {
    const { ex } = make();
    ex.dispose();
    await expect(ex.lanes.interactive.execute(job('count'), () => {})).rejects.toThrow(/not open/);
    await expect(ex.lanes.write.execute(job('save', { key: 'k', value: 1 }), () => {})).rejects.toThrow(
      /not open/,
    );
    // A second dispose (at close) would throw on a closed connection: the engine calls it once.
  });

  it('with a worker script run on threads: one interactive, one batch started on first use, one writer', async () => {
    const { ex } = make({ workerScript: TEST_WORKER, workerEval: true });
    const pools = ex.lanes as unknown as Record<'interactive' | 'batch' | 'write', WorkerPool>;
    expect([pools.interactive.spawned, pools.batch.spawned, pools.write.spawned]).toEqual([1, 0, 1]);
    expect(ex.lanes.write.capacity).toBe(1);
    expect(await ex.lanes.interactive.execute(job('thread'), () => {})).not.toBe(threadId);
    expect(await ex.lanes.batch.execute(job('thread'), () => {})).not.toBe(threadId);
    expect(pools.batch.spawned).toBe(1);
  });

  it('hand the threads the native SQLite binding', async () => {
    const { ex } = make({
      workerScript: TEST_WORKER,
      workerEval: true,
      sqliteBinding: '/nowhere/sqlite.node',
    });
    await expect(ex.lanes.interactive.execute(job('count'), () => {})).rejects.toThrow(
      /\/nowhere\/sqlite\.node/,
    );
  });

  it('keep a long batch task from delaying an interactive query: each lane has its own thread', async () => {
    const { ex } = make({ workerScript: TEST_WORKER, workerEval: true });
    const runner = createTaskRunner({ registry: testTasks, executors: ex.lanes, clock: new ManualClock() });
    // Both threads load TypeScript from source first.
    await runner.run('echo', { value: 0 });
    await runner.run('spinBatch', { ms: 1 });
    let batchDone = false;
    const batch = runner.run('spinBatch', { ms: 3_000 }).then((r) => ((batchDone = true), r));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 5; i++) expect(await runner.run('echo', { value: i })).toBe(i);
    expect(batchDone).toBe(false);
    expect(await batch).toBe('spun');
  });
});
