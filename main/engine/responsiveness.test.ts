// The engine stays responsive when the database is locked by another program and when one kind
// of request floods it. Production-like: real worker threads, real HTTP, a real second process.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../server/http';
import { DB_FILE } from '../store/db';
import { holdWriteLock } from '../store/testing/lock-holder';
import { demoDataDir } from '../testing/fixtures';
import { floodFromAnotherProcess } from '../testing/flood';
import { ENGINE_WORKER } from '../workers/testing/scripts';
import { startEngine, type Engine } from './index';

const TOKEN = 'responsiveness-token-0123456789';
let data: ReturnType<typeof demoDataDir>;
let engine: Engine;
let server: RunningServer;
const logs: string[] = [];

beforeAll(async () => {
  data = demoDataDir();
  const ui = path.join(data.dir, 'ui');
  fs.mkdirSync(ui);
  engine = await startEngine({
    dataDir: data.dir,
    shell: 'headless',
    workerScript: ENGINE_WORKER,
    workerEval: true,
    writeLockWaitMs: 1_500,
    log: (l) => logs.push(l),
  });
  server = await serve({
    engine,
    token: TOKEN,
    host: '127.0.0.1',
    port: 0,
    staticDir: ui,
    log: (l) => logs.push(l),
  });
  // Warm the threads (they load TypeScript from source in tests).
  await call('portfolio.summary');
  await call('settings.update', { theme: 'dark' });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
  data?.cleanup();
});

async function call(
  channel: string,
  body: object = {},
): Promise<{ status: number; json: unknown; ms: number; retryAfter: string | null }> {
  const t = performance.now();
  const res = await fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  return { status: res.status, json, ms: performance.now() - t, retryAfter: res.headers.get('retry-after') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('while another process holds the database’s write lock', () => {
  it('keeps answering reads at once; a write waits off the loop and lands when the lock is freed', async () => {
    const holder = await holdWriteLock(path.join(data.dir, DB_FILE));
    let released = false;
    try {
      const write = call('settings.update', { theme: 'light' });
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        for (const channel of ['app.info', 'settings.get', 'accounts.list', 'portfolio.summary']) {
          const r = await call(channel);
          expect(r.status, channel).toBe(200);
          times.push(r.ms);
        }
      }
      // A frozen loop shows as seconds (the old busy_timeout was 5 s). Under CI load a single call
      // may take longer than usual, so the bound is on the median, with a loose ceiling for all.
      expect(median(times)).toBeLessThan(100);
      expect(Math.max(...times)).toBeLessThan(1_000);
      // The read path saw the old value: nothing half-written is visible.
      expect((await call('settings.get')).json).toEqual({
        ok: true,
        data: { theme: 'dark', simMarket: 'sessions' },
      });
      await holder.release();
      released = true;
      const landed = await write;
      expect(landed.status).toBe(200);
      expect(landed.json).toEqual({ ok: true, data: { theme: 'light', simMarket: 'sessions' } });
      expect((await call('settings.get')).json).toEqual({
        ok: true,
        data: { theme: 'light', simMarket: 'sessions' },
      });
    } finally {
      if (!released) await holder.release();
    }
  });

  it('answers a write that cannot get the lock in time with 503 busy and Retry-After, changing nothing', async () => {
    const before = (await call('settings.get')).json as { data: { theme: string } };
    const other = before.data.theme === 'dark' ? 'light' : 'dark';
    const holder = await holdWriteLock(path.join(data.dir, DB_FILE));
    try {
      const r = await call('settings.update', { theme: other });
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe('1');
      expect(r.json).toMatchObject({
        ok: false,
        error: {
          code: 'busy',
          message: expect.stringMatching(/locked by another program.*nothing was changed/),
        },
      });
      expect(r.ms).toBeGreaterThanOrEqual(1_400);
      expect(r.ms).toBeLessThan(10_000);
    } finally {
      await holder.release();
    }
    expect((await call('settings.get')).json).toEqual(before);
  });
});

describe('a flood of one request', () => {
  it('1,000 summaries at once from another client are all answered, and other calls stay prompt meanwhile', async () => {
    const single = (await call('portfolio.summary')).ms;
    const flood = floodFromAnotherProcess(server.origin, TOKEN, 'portfolio.summary', 1_000);
    await flood.started;
    const others: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await call(i % 2 === 0 ? 'app.info' : 'settings.get');
      expect(r.status).toBe(200);
      others.push(r.ms);
    }
    const result = await flood.done;
    expect(result.statuses).toHaveLength(1_000);
    expect(result.statuses.every((s) => s === 200)).toBe(true);
    expect(result.distinctBodies).toBe(1);
    expect(median(others)).toBeLessThan(100);
    expect(Math.max(...others)).toBeLessThan(1_000);
    // Identical requests in flight share one computation: the whole flood costs a few summaries,
    // not a thousand (27 s before lanes and sharing).
    expect(result.ms).toBeLessThan(Math.max(5_000, 50 * single));
  });
});
