import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { EventFrame } from '../contract/http';
import { DB_FILE, openDb } from '../store/db';
import { DataFolderInUseError } from '../store/instance-lock';
import { holdWriteLock } from '../store/testing/lock-holder';
import { demoDataDir, emptyDataDir } from '../testing/fixtures';
import { ENGINE_WORKER } from '../workers/testing/scripts';
import { ManualClock } from '../core/testing/manual-clock';
import { LOCK_CHECK_MS, startEngine } from './index';
import type { Engine } from './types';

const THREADS = { workerScript: ENGINE_WORKER, workerEval: true } as const;

describe('engine', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function engineOn(dir: string): Promise<Engine> {
    const engine = await startEngine({ dataDir: dir, shell: 'headless', version: '9.9.9' });
    cleanups.push(() => engine.close());
    return engine;
  }
  function demo() {
    const d = demoDataDir();
    cleanups.push(d.cleanup);
    return d.dir;
  }

  it('creates the data folder and the demo book on a first start with nothing configured', async () => {
    const empty = emptyDataDir();
    cleanups.push(empty.cleanup);
    const dir = path.join(empty.dir, 'nested', 'Keel');
    const logs: string[] = [];
    // Worker threads, as in the app: on the calling thread the book would be made before anything else.
    const engine = await startEngine({
      dataDir: dir,
      shell: 'headless',
      log: (l) => logs.push(l),
      ...THREADS,
    });
    cleanups.push(() => engine.close());
    expect(fs.existsSync(path.join(dir, 'keel.sqlite'))).toBe(true);
    // The engine answers at once; the book is being made in the background, with its progress.
    const frames: EventFrame[] = [];
    engine.openEvents((f) => frames.push(f)).subscribe([{ event: 'task.progress' }]);
    const early = await engine.dispatch('app.info', {});
    expect(early).toMatchObject({
      ok: true,
      data: {
        demo: false,
        startup: { task: 'demo.generate', lane: 'write', state: expect.stringMatching(/queued|running/) },
      },
    });
    expect(logs.join('\n')).toMatch(/generating the default demo book/);
    // Data channels wait for it.
    const accounts = await engine.dispatch('accounts.list', {});
    expect(accounts).toMatchObject({ ok: true, data: [{ id: 'demo', mode: 'demo', active: true }] });
    const info = await engine.dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      data: {
        demo: true,
        demoAsOf: '2026-10-30',
        shell: 'headless',
        schemaVersion: 7,
        startup: null,
        simMarket: null,
      },
    });
    // Its progress was shown in the log, in order, and pushed to subscribers, ending done.
    const shown = logs.filter((l) => /^ {2}demo book \d+%$/.test(l)).map((l) => Number(/(\d+)%/.exec(l)![1]));
    expect(shown).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const pushed = frames.map(
      (f) => f.payload as { state: string; done: number | null; total: number | null },
    );
    expect(pushed.length).toBeGreaterThan(3);
    expect(pushed.at(-1)).toMatchObject({ state: 'done', done: 1, total: 1 });
    const fractions = pushed.filter((p) => p.state === 'running' && p.total).map((p) => p.done! / p.total!);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(frames.every((f) => f.key === (f.payload as { id: string }).id)).toBe(true);
    const tasks = await engine.dispatch('tasks.list', {});
    expect(tasks).toMatchObject({
      ok: true,
      data: [
        {
          task: 'demo.generate',
          lane: 'write',
          state: 'done',
          done: 1,
          total: 1,
          message: 'Demo book ready',
        },
      ],
    });
  });

  it('stops a first start’s demo book at shutdown: nothing half-made is kept, and the next start makes it', async () => {
    const empty = emptyDataDir();
    cleanups.push(empty.cleanup);
    const first = await startEngine({ dataDir: empty.dir, shell: 'headless', ...THREADS });
    const pending = first.dispatch('portfolio.summary', {});
    await first.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const db = openDb(empty.dir, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM accounts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM fills').pluck().get()).toBe(0);
    db.close();
    const logs: string[] = [];
    const again = await startEngine({ dataDir: empty.dir, shell: 'headless', log: (l) => logs.push(l) });
    cleanups.push(() => again.close());
    expect(await again.dispatch('accounts.list', {})).toMatchObject({ ok: true, data: [{ id: 'demo' }] });
    expect(logs.join('\n')).toMatch(/Demo book ready/);
  });

  it('lets a caller stop waiting for the first start’s book', async () => {
    const empty = emptyDataDir();
    cleanups.push(empty.cleanup);
    const engine = await startEngine({ dataDir: empty.dir, shell: 'headless', ...THREADS });
    cleanups.push(() => engine.close());
    const gone = new AbortController();
    const waiting = engine.dispatch('portfolio.summary', {}, { signal: gone.signal });
    gone.abort();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const already = new AbortController();
    already.abort();
    expect(await engine.dispatch('accounts.list', {}, { signal: already.signal })).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });

  it('does not generate again on a later start', async () => {
    const dir = demo();
    const before = await (await engineOn(dir)).dispatch('portfolio.summary', {});
    await cleanups.pop()!();
    const logs: string[] = [];
    const again = await startEngine({ dataDir: dir, shell: 'headless', log: (l) => logs.push(l) });
    cleanups.push(() => again.close());
    expect(logs.join('\n')).not.toMatch(/generating|demo book/i);
    expect(await again.dispatch('tasks.list', {})).toEqual({ ok: true, data: [] });
    const after = await again.dispatch('portfolio.summary', {});
    expect(after).toEqual(before);
    expect(after.ok && (after.data as { activity: { fills: number } }).activity.fills).toBeGreaterThanOrEqual(
      50_000,
    );
  });

  it('answers the portfolio of the active account and refuses an unknown one clearly', async () => {
    const engine = await engineOn(demo());
    const ok = await engine.dispatch('portfolio.summary', {});
    expect(ok.ok).toBe(true);
    const missing = await engine.dispatch('portfolio.summary', { accountId: 'nope' });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/No account with id "nope"/) },
    });
  });

  it('rejects bad requests with issues and changes nothing', async () => {
    const engine = await engineOn(demo());
    const bad = await engine.dispatch('settings.update', { theme: 'neon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'theme' }] } });
    const extra = await engine.dispatch('settings.update', { theme: 'light', sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await engine.dispatch('settings.get', {})).toEqual({
      ok: true,
      data: { theme: 'dark', simMarket: 'sessions' },
    });
    expect(await engine.dispatch('nope.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await engine.dispatch('app.info', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('persists settings and pushes the change to subscribers', async () => {
    const dir = demo();
    const engine = await engineOn(dir);
    const frames: EventFrame[] = [];
    const others: EventFrame[] = [];
    engine.openEvents((f) => frames.push(f)).subscribe([{ event: 'settings.changed' }]);
    engine.openEvents((f) => others.push(f)).subscribe([{ event: 'task.progress' }]);
    expect(await engine.dispatch('settings.update', { theme: 'light' })).toEqual({
      ok: true,
      data: { theme: 'light', simMarket: 'sessions' },
    });
    expect(frames).toEqual([
      { event: 'settings.changed', payload: { theme: 'light', simMarket: 'sessions' } },
    ]);
    expect(others).toEqual([]);
    await cleanups.pop()!();
    expect(await (await engineOn(dir)).dispatch('settings.get', {})).toEqual({
      ok: true,
      data: { theme: 'light', simMarket: 'sessions' },
    });
  });

  it('closes the database cleanly, folding the WAL back, and tolerates a second close', async () => {
    const dir = demo();
    const engine = await startEngine({ dataDir: dir, shell: 'headless' });
    await engine.dispatch('settings.update', { theme: 'light' });
    await engine.close();
    await engine.close();
    const wal = path.join(dir, 'keel.sqlite-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
    const db = openDb(dir, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('activity counts', () => {
  it('count traded instruments, not option contracts, as symbols', async () => {
    const d = demoDataDir();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless' });
    try {
      const s = await engine.dispatch('portfolio.summary', {});
      expect(s.ok && s.data).toMatchObject({ activity: { symbols: 32, strategies: 5 } });
    } finally {
      await engine.close();
      d.cleanup();
    }
  });
});

describe('an unusable data folder', () => {
  it.each([
    [
      'a file where the folder should be',
      (dir: string) => {
        const file = path.join(dir, 'not-a-folder');
        fs.writeFileSync(file, 'x');
        return file;
      },
      /is a file, not a folder/,
    ],
    [
      'a damaged database',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'keel.sqlite'), Buffer.alloc(8192, 7));
        return dir;
      },
      /not a readable SQLite database[\s\S]*Move it away/,
    ],
  ])('is explained: %s', async (_name, make, hint) => {
    const tmp = emptyDataDir();
    try {
      const dir = make(tmp.dir);
      const before = fs.readdirSync(tmp.dir);
      await expect(startEngine({ dataDir: dir, shell: 'headless' })).rejects.toThrow(hint);
      await expect(startEngine({ dataDir: dir, shell: 'headless' })).rejects.toThrow(/--data-dir/);
      // Nothing was created or changed next to it.
      expect(fs.readdirSync(tmp.dir)).toEqual(before);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('settings that cannot be read', () => {
  it.each([
    [
      'a value this build does not know',
      JSON.stringify({ theme: 'neon' }),
      /theme="neon" is not valid; using "dark"/,
    ],
    ['not an object', '["light"]', /not an object/],
  ])('fall back to the defaults: %s', async (_name, stored, logged) => {
    const d = demoDataDir();
    try {
      const db = new Database(path.join(d.dir, DB_FILE));
      db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('ui', ?, 0)").run(stored);
      db.close();
      const logs: string[] = [];
      const engine = await startEngine({ dataDir: d.dir, shell: 'headless', log: (l) => logs.push(l) });
      try {
        expect(await engine.dispatch('settings.get', {})).toEqual({
          ok: true,
          data: { theme: 'dark', simMarket: 'sessions' },
        });
        expect(logs.join('\n')).toMatch(logged);
        // And the user can still change them, which replaces the bad value.
        expect(await engine.dispatch('settings.update', { theme: 'light' })).toEqual({
          ok: true,
          data: { theme: 'light', simMarket: 'sessions' },
        });
        expect(await engine.dispatch('settings.get', {})).toEqual({
          ok: true,
          data: { theme: 'light', simMarket: 'sessions' },
        });
      } finally {
        await engine.close();
      }
    } finally {
      d.cleanup();
    }
  });

  it('keep the fields that are valid', async () => {
    const d = demoDataDir();
    try {
      const db = new Database(path.join(d.dir, DB_FILE));
      db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('ui', ?, 0)").run(
        JSON.stringify({ theme: 'light', fromTheFuture: 42 }),
      );
      db.close();
      const engine = await startEngine({ dataDir: d.dir, shell: 'headless' });
      try {
        expect(await engine.dispatch('settings.get', {})).toEqual({
          ok: true,
          data: { theme: 'light', simMarket: 'sessions' },
        });
      } finally {
        await engine.close();
      }
    } finally {
      d.cleanup();
    }
  });
});

describe('one engine per data folder', () => {
  it('refuses a second engine on the same folder, naming the first and what to do', async () => {
    const d = demoDataDir();
    const first = await startEngine({ dataDir: d.dir, shell: 'desktop', version: '9.9.9' });
    try {
      const refused = await startEngine({ dataDir: d.dir, shell: 'headless' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      expect((refused as Error).message).toMatch(
        new RegExp(
          `^The data folder .* is in use by another Keel \\(PID ${process.pid}, the desktop app 9\\.9\\.9[\\s\\S]*--data-dir`,
        ),
      );
      // The first is unharmed.
      expect(await first.dispatch('settings.get', {})).toEqual({
        ok: true,
        data: { theme: 'dark', simMarket: 'sessions' },
      });
    } finally {
      await first.close();
    }
    const second = await startEngine({ dataDir: d.dir, shell: 'headless' });
    await second.close();
    d.cleanup();
  });
});

describe('a deleted keel.lock', () => {
  it('is made again within moments, so a second engine is still refused', async () => {
    const d = demoDataDir();
    const clock = new ManualClock();
    const logs: string[] = [];
    const first = await startEngine({ dataDir: d.dir, shell: 'headless', clock, log: (l) => logs.push(l) });
    try {
      fs.rmSync(path.join(d.dir, 'keel.lock'));
      clock.advance(LOCK_CHECK_MS);
      expect(logs.join('\n')).toMatch(/keel\.lock was deleted while Keel ran; it has been made again/);
      const refused = await startEngine({ dataDir: d.dir, shell: 'headless' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      // Nothing to redo while the file is there.
      clock.advance(LOCK_CHECK_MS);
      expect(logs.filter((l) => l.includes('keel.lock')).length).toBe(1);
    } finally {
      await first.close();
      d.cleanup();
    }
  });
});

describe('a database held by another program at start', () => {
  it('is explained, and the folder is released for the next try', async () => {
    const tmp = emptyDataDir();
    const holder = await holdWriteLock(path.join(tmp.dir, DB_FILE));
    try {
      await expect(startEngine({ dataDir: tmp.dir, shell: 'headless' })).rejects.toThrow(
        /Another program is writing to .*keel\.sqlite.*Close it and start Keel again/,
      );
    } finally {
      await holder.release();
    }
    const logs: string[] = [];
    const engine = await startEngine({ dataDir: tmp.dir, shell: 'headless', log: (l) => logs.push(l) });
    try {
      expect(await engine.dispatch('accounts.list', {})).toMatchObject({ ok: true, data: [{ id: 'demo' }] });
      expect(logs.join('\n')).toMatch(/Demo book ready/);
    } finally {
      await engine.close();
      tmp.cleanup();
    }
    // It generates a whole demo book (every order through the fill model): room on a loaded machine.
  }, 120_000);
});

describe('closing', () => {
  it('folds the WAL back even while another program keeps the database open', async () => {
    const d = demoDataDir();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless' });
    await engine.dispatch('settings.update', { theme: 'light' });
    const other = new Database(path.join(d.dir, DB_FILE), { readonly: true });
    try {
      other.prepare('SELECT COUNT(*) FROM settings').get();
      await engine.close();
      expect(fs.statSync(path.join(d.dir, 'keel.sqlite-wal')).size).toBe(0);
    } finally {
      other.close();
      d.cleanup();
    }
  });

  it('never recreates a data folder that was removed while it ran; it says why the WAL stayed', async () => {
    const d = demoDataDir();
    const logs: string[] = [];
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless', log: (l) => logs.push(l) });
    fs.rmSync(d.dir, { recursive: true, force: true });
    await engine.close();
    expect(fs.existsSync(d.dir)).toBe(false);
    expect(logs.join('\n')).toMatch(/could not fold the WAL back at close \(.+\); the next start will/);
  });
});

describe('defaults', () => {
  it('report version 0.0.0 when none is given', async () => {
    const d = demoDataDir();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless' });
    try {
      expect(await engine.dispatch('app.info', {})).toMatchObject({
        ok: true,
        data: { version: '0.0.0', startup: null },
      });
    } finally {
      await engine.close();
      d.cleanup();
    }
  });

  it('give up on a write after 2 s of another program holding the database', async () => {
    const d = demoDataDir();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless' });
    const holder = await holdWriteLock(path.join(d.dir, DB_FILE));
    try {
      const t = performance.now();
      const r = await engine.dispatch('settings.update', { theme: 'light' });
      const waited = performance.now() - t;
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'busy', message: expect.stringMatching(/waited 2\.0 s/) },
      });
      expect(waited).toBeGreaterThanOrEqual(1_950);
    } finally {
      await holder.release();
      await engine.close();
      d.cleanup();
    }
  });

  it('tell a caller that left a waiting write the truth: nothing changed, and nothing is announced', async () => {
    const d = demoDataDir();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless' });
    const holder = await holdWriteLock(path.join(d.dir, DB_FILE));
    const frames: EventFrame[] = [];
    engine.openEvents((f) => frames.push(f)).subscribe([{ event: 'settings.changed' }]);
    try {
      const gone = new AbortController();
      const call = engine.dispatch('settings.update', { theme: 'light' }, { signal: gone.signal });
      await new Promise((r) => setTimeout(r, 100));
      gone.abort();
      await holder.release();
      expect(await call).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await engine.dispatch('settings.get', {})).toMatchObject({
        ok: true,
        data: { theme: 'dark', simMarket: 'sessions' },
      });
      expect(frames).toEqual([]);
      // A write that commits is announced even when its caller has gone.
      const left = new AbortController();
      const done = engine.dispatch('settings.update', { theme: 'light' }, { signal: left.signal });
      left.abort();
      await done;
      const theme = (await engine.dispatch('settings.get', {})) as { data: { theme: string } };
      expect(frames.map((f) => f.event)).toEqual(theme.data.theme === 'light' ? ['settings.changed'] : []);
    } finally {
      await engine.close();
      d.cleanup();
    }
  });

  it('answer every write waiting behind a locked database together, not one lock wait after another', async () => {
    const d = demoDataDir();
    const clock = new ManualClock();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless', clock });
    const holder = await holdWriteLock(path.join(d.dir, DB_FILE));
    try {
      const calls = ['light', 'dark', 'light'].map((theme) =>
        engine.dispatch('settings.update', { theme: theme as 'light' | 'dark' }),
      );
      const settled: unknown[] = [];
      for (const c of calls) void c.then((r) => settled.push(r));
      // One lock wait (2 s of the engine's clock) answers all three.
      await clock.advanceAsync(2_100, 10);
      await Promise.all(calls);
      expect(settled).toHaveLength(3);
      for (const r of settled) expect(r).toMatchObject({ ok: false, error: { code: 'busy' } });
    } finally {
      await holder.release();
      await engine.close();
      d.cleanup();
    }
  });
});
