import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, openDb } from '../store';
import { demoDataDir } from '../testing/fixtures';
import { WorkerPool } from './pool';
import { inlineRunner } from './tasks';

// From source the worker needs a TypeScript hook; the built app runs out/main/worker.js.
const script = `require('tsx/cjs/api').register(); require(${JSON.stringify(path.join(__dirname, 'worker.ts'))});`;
const evalScript = true;

describe('worker pool', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('computes the same portfolio summary off the main thread as inline', async () => {
    const data = demoDataDir();
    cleanups.push(data.cleanup);
    const store = createStore(openDb(data.dir));
    cleanups.push(() => store.db.close());
    const pool = new WorkerPool({ script, dataDir: data.dir, evalScript, size: 2 });
    cleanups.push(() => pool.close());
    const [a, b] = await Promise.all([
      pool.run('portfolioSummary', { accountId: 'demo' }),
      pool.run('portfolioSummary', { accountId: 'demo' }),
    ]);
    const inline = await inlineRunner(store).run('portfolioSummary', { accountId: 'demo' });
    expect(a).toEqual(inline);
    expect(b).toEqual(inline);
  });

  it('passes a task failure back with its message and keeps serving', async () => {
    const data = demoDataDir();
    cleanups.push(data.cleanup);
    const pool = new WorkerPool({ script, dataDir: path.join(data.dir, 'missing'), evalScript });
    cleanups.push(() => pool.close());
    await expect(pool.run('portfolioSummary', { accountId: 'demo' })).rejects.toThrow(
      /unable to open|directory does not exist|SQLITE_CANTOPEN/i,
    );
    await expect(pool.run('portfolioSummary', { accountId: 'demo' })).rejects.toThrow();
  });

  it('fails pending work when closed and refuses new work', async () => {
    const data = demoDataDir();
    cleanups.push(data.cleanup);
    const pool = new WorkerPool({ script, dataDir: data.dir, evalScript });
    const pending = expect(pool.run('portfolioSummary', { accountId: 'demo' })).rejects.toThrow(/closed/);
    await pool.close();
    await pending;
    await expect(pool.run('portfolioSummary', { accountId: 'demo' })).rejects.toThrow(/closed/);
  });
});

describe('a worker that cannot start', () => {
  it('is retried a few times with growing delays, then the pool answers unavailable instead of spinning', async () => {
    const pool = new WorkerPool({
      script: "throw new Error('broken build')",
      evalScript: true,
      dataDir: '/nowhere',
    });
    try {
      await expect(pool.run('portfolioSummary', { accountId: 'demo' })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/stopped during the task: broken build/),
      });
      // Retries back off (100, 200, 400, 800 ms); then the pool gives up and says what to do.
      await expect
        .poll(() => pool.run('portfolioSummary', { accountId: 'demo' }).catch((e: Error) => e.message), {
          timeout: 5_000,
        })
        .toMatch(/keeps failing to start \(.*broken build.*\)[\s\S]*npm run build/);
      const spawned = pool.spawned;
      expect(spawned).toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.spawned).toBe(spawned);
      await expect(pool.run('portfolioSummary', { accountId: 'demo' })).rejects.toMatchObject({
        code: 'unavailable',
      });
    } finally {
      await pool.close();
    }
  });
});
