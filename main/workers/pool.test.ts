import { threadId } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock';
import { EngineError } from '../core/errors';
import { ManualClock } from '../core/testing/manual-clock';
import { tempDb } from '../store/testing/db';
import type { Job } from './lane';
import { MAX_CONSECUTIVE_DEATHS, respawnDelayMs, WorkerPool, type PoolOptions } from './pool';
import type { Progress } from './task';
import { TEST_WORKER } from './testing/scripts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let nextId = 1;
const job = (task: string, input: unknown = {}): Job => ({ id: nextId++, task, input });

function pool(over: Partial<PoolOptions> = {}) {
  const env = tempDb();
  const p = new WorkerPool({
    script: TEST_WORKER,
    evalScript: true,
    dataDir: env.dir,
    lockWaitMs: 1_000,
    size: 1,
    clock: systemClock,
    ...over,
  });
  cleanups.push(
    () => env.cleanup(),
    () => p.close(),
  );
  return { pool: p, env };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('worker pool', () => {
  it('runs jobs on worker threads, async ones too', async () => {
    const { pool: p } = pool({ size: 2 });
    const [a, b, t] = await Promise.all([
      p.execute(job('echo', { value: { n: 1n, s: 'x' } }), () => {}),
      p.execute(job('async', { value: 21 }), () => {}),
      p.execute(job('thread'), () => {}),
    ]);
    expect(a).toEqual({ n: 1n, s: 'x' });
    expect(b).toBe(42);
    expect(t).not.toBe(threadId); // a worker thread, not the test's own
    expect(p.capacity).toBe(2);
  });

  it('passes a failure back with its message, and an EngineError with its code', async () => {
    const { pool: p } = pool();
    await expect(p.execute(job('fail', { message: 'plain' }), () => {})).rejects.toThrow(/^plain$/);
    const coded = await p
      .execute(job('fail', { message: 'gone', code: 'not_found' }), () => {})
      .catch((e: unknown) => e);
    expect(coded).toBeInstanceOf(EngineError);
    expect(coded).toMatchObject({ code: 'not_found', message: 'gone' });
    // The thread that answered with failures is the one that serves next: still alive.
    expect(await p.execute(job('echo', { value: 'still here' }), () => {})).toBe('still here');
    expect(p.spawned).toBe(1);
  });

  it('answers a result that cannot cross threads with an error instead of dying', async () => {
    const { pool: p } = pool();
    await expect(p.execute(job('uncloneable'), () => {})).rejects.toThrow(/could not be sent back/);
    expect(await p.execute(job('echo', { value: 1 }), () => {})).toBe(1);
    expect(p.spawned).toBe(1);
  });

  it('refuses an input that cannot cross threads, and keeps serving', async () => {
    const { pool: p } = pool();
    await expect(p.execute(job('echo', { value: () => 1 }), () => {})).rejects.toThrow(
      /could not be sent to a worker/,
    );
    expect(await p.execute(job('echo', { value: 2 }), () => {})).toBe(2);
  });

  it('reports progress from the thread', async () => {
    const { pool: p } = pool();
    const seen: Progress[] = [];
    expect(await p.execute(job('progress', { steps: 3 }), (pr) => seen.push(pr))).toBe(3);
    // Throttled in the thread: the first step and the last always get through.
    expect(seen[0]).toEqual({ done: 1, total: 3, message: 'step 1' });
    expect(seen.at(-1)).toEqual({ done: 3, total: 3, message: 'step 3' });
  });

  it('stops a synchronous loop at its next checkpoint when asked (shared-memory flag)', async () => {
    const { pool: p } = pool();
    const j = job('spin', { ms: 20_000 });
    const running = p.execute(j, () => {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t = performance.now();
    p.cancel(j.id);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(p.spawned).toBe(1);
    // A cancel meant for an old job does not touch the next one.
    expect(await p.execute(job('spin', { ms: 50 }), () => {})).toBe('spun');
  });

  it('kills a job that ignores stop requests and replaces its thread', async () => {
    const { pool: p } = pool();
    const first = await p.execute(job('thread'), () => {});
    const j = job('stubborn', { ms: 60_000 });
    const running = p.execute(j, () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.kill(j.id, new EngineError('timeout', 'too slow'))).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'timeout', message: 'too slow' });
    const second = await p.execute(job('thread'), () => {});
    expect(second).not.toBe(first);
    expect(p.spawned).toBe(2);
    expect(p.kill(999_999, new EngineError('timeout', 'x'))).toBe(false);
  });

  it('runs write tasks in a FULL-synced transaction unless they say normal, and rolls back failures', async () => {
    const { pool: p, env } = pool();
    expect(await p.execute(job('save', { key: 'a', value: 1 }), () => {})).toBe(2); // FULL
    expect(await p.execute(job('saveBulk', { key: 'b', value: 2 }), () => {})).toBe(1); // NORMAL
    await expect(p.execute(job('saveThenFail', { key: 'c' }), () => {})).rejects.toThrow(
      /failed after writing/,
    );
    const keys = env.db.prepare('SELECT key FROM settings ORDER BY key').pluck().all();
    expect(keys).toEqual(['a', 'b']);
  });

  it('gives read tasks a read-only connection', async () => {
    const { pool: p, env } = pool();
    await expect(p.execute(job('writeFromRead', { key: 'x' }), () => {})).rejects.toThrow(/readonly/i);
    expect(env.db.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(0);
  });

  it('fails the job of a thread that dies (never re-runs it) and respawns after a back-off', async () => {
    const clock = new ManualClock();
    const { pool: p } = pool({ clock });
    await expect(p.execute(job('crash', { code: 3 }), () => {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/stopped during the task: worker thread exited with code 3/),
    });
    const waiting = p.execute(job('echo', { value: 'after' }), () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.spawned).toBe(1);
    clock.advance(respawnDelayMs(1) - 1);
    expect(p.spawned).toBe(1);
    clock.advance(1);
    expect(p.spawned).toBe(2);
    expect(await waiting).toBe('after');
  });

  it('backs off 100, 200, 400, 800 ms… up to 5 s between respawns', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(respawnDelayMs)).toEqual([
      100, 200, 400, 800, 1600, 3200, 5000, 5000,
    ]);
  });

  it('gives up after five deaths in a row and then answers unavailable without spawning', async () => {
    const clock = new ManualClock();
    const { pool: p } = pool({ clock });
    for (let death = 1; death <= MAX_CONSECUTIVE_DEATHS; death++) {
      await expect(p.execute(job('crash', { code: 1 }), () => {})).rejects.toMatchObject({
        code: 'unavailable',
      });
      if (death < MAX_CONSECUTIVE_DEATHS) {
        clock.advance(respawnDelayMs(death));
        expect(p.spawned).toBe(death + 1);
      }
    }
    expect(p.spawned).toBe(MAX_CONSECUTIVE_DEATHS);
    clock.advance(60_000);
    expect(p.spawned).toBe(MAX_CONSECUTIVE_DEATHS);
    await expect(p.execute(job('echo', { value: 1 }), () => {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/keeps failing to start[\s\S]*npm run build/),
    });
  });

  it('starts counting deaths again after any answered job', async () => {
    const clock = new ManualClock();
    const { pool: p } = pool({ clock });
    const crashTimes = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await expect(p.execute(job('crash', { code: 1 }), () => {})).rejects.toMatchObject({
          code: 'unavailable',
        });
        clock.advance(5_000);
      }
    };
    await crashTimes(MAX_CONSECUTIVE_DEATHS - 1);
    // A failure is an answer too: the thread works.
    await expect(p.execute(job('fail', { message: 'answered' }), () => {})).rejects.toThrow('answered');
    await crashTimes(MAX_CONSECUTIVE_DEATHS - 1);
    expect(await p.execute(job('echo', { value: 'alive' }), () => {})).toBe('alive');
  });

  it('a broken build: every job fails with the reason, and the pool stops respawning', async () => {
    const clock = new ManualClock();
    const env = tempDb();
    const p = new WorkerPool({
      script: "throw new Error('broken build')",
      evalScript: true,
      dataDir: env.dir,
      lockWaitMs: 1_000,
      size: 1,
      clock,
    });
    cleanups.push(
      () => env.cleanup(),
      () => p.close(),
    );
    const first = p.execute(job('echo', { value: 1 }), () => {});
    await expect(first).rejects.toMatchObject({ message: expect.stringMatching(/broken build/) });
    for (let i = 1; i < MAX_CONSECUTIVE_DEATHS; i++) {
      const attempt = p.execute(job('echo'), () => {}).catch((e: Error) => e);
      clock.advance(5_000);
      await until(() => p.spawned === i + 1);
      await attempt;
    }
    await until(() => p.spawned === MAX_CONSECUTIVE_DEATHS);
    await expect(p.execute(job('echo'), () => {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/keeps failing to start \(.*broken build.*\)/),
    });
    clock.advance(60_000);
    expect(p.spawned).toBe(MAX_CONSECUTIVE_DEATHS);
  });

  it('starts lazily when asked to, on the first job', async () => {
    const { pool: p } = pool({ lazy: true });
    expect(p.spawned).toBe(0);
    expect(await p.execute(job('echo', { value: 'x' }), () => {})).toBe('x');
    expect(p.spawned).toBe(1);
  });

  it('fails what is running and waiting when closed, and refuses new work', async () => {
    const { pool: p } = pool();
    const running = p.execute(job('spin', { ms: 30_000 }), () => {}).catch((e: Error) => e);
    const waiting = p.execute(job('echo', { value: 1 }), () => {}).catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await p.close();
    expect(await running).toMatchObject({
      message: expect.stringMatching(/closed before the task finished/),
    });
    expect(await waiting).toMatchObject({
      message: expect.stringMatching(/closed before the task finished/),
    });
    await expect(p.execute(job('echo'), () => {})).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The worker pool is closed.',
    });
    expect(await running).toMatchObject({ code: 'unavailable' });
  });

  it('starts every thread at once unless lazy', () => {
    const { pool: p } = pool({ size: 2 });
    expect(p.spawned).toBe(2);
  });

  it('wakes an async task waiting on its signal when cancelled (the thread gets the message)', async () => {
    const { pool: p } = pool();
    const j = job('waitForAbort');
    const waiting = p.execute(j, () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    p.cancel(j.id);
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect(p.spawned).toBe(1);
  });

  it('cancels and kills only the job named, on whichever thread runs it', async () => {
    const { pool: p } = pool({ size: 2 });
    const first = job('spin', { ms: 600 });
    const second = job('stubborn', { ms: 60_000 });
    const a = p.execute(first, () => {});
    const b = p.execute(second, () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    p.cancel(second.id); // ignored by a stubborn task
    expect(p.kill(second.id, new EngineError('timeout', 'stop'))).toBe(true);
    await expect(b).rejects.toMatchObject({ code: 'timeout' });
    expect(await a).toBe('spun');
    expect(p.spawned).toBe(3);
  });

  it('ends a killed job with the kill, even if its answer was already on the way', async () => {
    const { pool: p } = pool();
    await p.execute(job('echo', { value: 'warm' }), () => {});
    const j = job('echo', { value: 'quick' });
    const answer = p.execute(j, () => {});
    p.kill(j.id, new EngineError('cancelled', 'killed at once'));
    await expect(answer).rejects.toMatchObject({ code: 'cancelled', message: 'killed at once' });
    // The next job runs on the new thread and is not mistaken for the killed one.
    expect(await p.execute(job('echo', { value: 'next' }), () => {})).toBe('next');
  });

  it('counts a thread that fails with an uncaught error (error, then exit) as one death', async () => {
    const clock = new ManualClock();
    const { pool: p } = pool({ clock });
    await expect(p.execute(job('throwLater'), () => {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/uncaught in the thread/),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advance(respawnDelayMs(1));
    expect(p.spawned).toBe(2);
  });

  it('replaces a thread that dies while idle', async () => {
    const clock = new ManualClock();
    const { pool: p } = pool({ clock });
    expect(await p.execute(job('crashLater', { ms: 20 }), () => {})).toBe('answered');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = p.execute(job('echo', { value: 'after an idle death' }), () => {});
    clock.advance(respawnDelayMs(1));
    expect(await next).toBe('after an idle death');
    expect(p.spawned).toBe(2);
  });

  it('does not restart another thread once it has given up', async () => {
    const clock = new ManualClock();
    const { pool: p } = pool({ clock, size: 2 });
    const crash = () =>
      expect(p.execute(job('crash', { code: 1 }), () => {})).rejects.toMatchObject({ code: 'unavailable' });
    await crash(); // death 1: first thread restarts in 100 ms
    await crash(); // death 2: second thread restarts in 200 ms
    clock.advance(100);
    await crash(); // death 3 (first thread again): restarts in 400 ms
    clock.advance(100);
    await crash(); // death 4 (second thread): restarts in 800 ms
    clock.advance(300);
    expect(p.spawned).toBe(4 + 1);
    await crash(); // death 5: gives up while the second thread's restart is pending
    const spawned = p.spawned;
    clock.advance(10_000);
    expect(p.spawned).toBe(spawned);
  });

  it('gives its threads the native SQLite binding it was handed', async () => {
    const good = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const { pool: ok } = pool({ sqliteBinding: good });
    expect(await ok.execute(job('count'), () => {})).toBe(0);
    const { pool: bad } = pool({ sqliteBinding: '/nowhere/better_sqlite3.node' });
    await expect(bad.execute(job('count'), () => {})).rejects.toThrow(/\/nowhere\/better_sqlite3\.node/);
  });

  it('runs a worker entry from a file as well as from source', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-worker-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'entry.cjs');
    // Outside the repository, so tsx is required by its full path.
    fs.writeFileSync(
      file,
      TEST_WORKER.replace("'tsx/cjs/api'", JSON.stringify(require.resolve('tsx/cjs/api'))),
    );
    const { pool: p } = pool({ script: file, evalScript: false });
    expect(await p.execute(job('echo', { value: 'from a file' }), () => {})).toBe('from a file');
  });
});
