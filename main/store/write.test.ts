import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock';
import { EngineError } from '../core/errors';
import { ManualClock } from '../core/testing/manual-clock';
import { DB_FILE } from './db';
import { holdWriteLock } from './testing/lock-holder';
import { tempDb } from './testing/db';
import { inWriteTransaction, isLockedError, lockedError, type WriteOptions } from './write';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function env() {
  const e = tempDb();
  cleanups.push(() => e.cleanup());
  return e;
}
const opts = (over: Partial<WriteOptions> = {}): WriteOptions => ({
  durability: 'full',
  lockWaitMs: 2_000,
  clock: systemClock,
  checkpoint: () => {},
  ...over,
});
const count = (e: ReturnType<typeof tempDb>) => e.db.prepare('SELECT COUNT(*) FROM settings').pluck().get();
const insert = (e: ReturnType<typeof tempDb>, key: string) =>
  e.db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES (?, '1', 0)").run(key);

describe('a write transaction', () => {
  it('commits what the function wrote and returns its result', async () => {
    const e = env();
    expect(await inWriteTransaction(e.db, () => (insert(e, 'a'), 'done'), opts())).toBe('done');
    expect(count(e)).toBe(1);
    expect(e.db.inTransaction).toBe(false);
  });

  it('rolls back everything when the function throws', async () => {
    const e = env();
    await expect(
      inWriteTransaction(
        e.db,
        () => {
          insert(e, 'a');
          throw new Error('half-way');
        },
        opts(),
      ),
    ).rejects.toThrow('half-way');
    expect(count(e)).toBe(0);
    expect(e.db.inTransaction).toBe(false);
  });

  it('rolls back a write that was asked to stop while it ran: the last check is just before COMMIT', async () => {
    const e = env();
    let stop = false;
    const write = inWriteTransaction(
      e.db,
      () => {
        insert(e, 'a');
        stop = true; // the caller goes away while the change is being made
      },
      opts({
        checkpoint: () => {
          if (stop) throw new EngineError('cancelled', 'stopped');
        },
      }),
    );
    await expect(write).rejects.toMatchObject({ code: 'cancelled' });
    expect(count(e)).toBe(0);
    expect(e.db.inTransaction).toBe(false);
  });

  it('refuses a function that returns a promise, and keeps nothing it wrote', async () => {
    const e = env();
    await expect(
      inWriteTransaction(e.db, () => (insert(e, 'a'), Promise.resolve(1)), opts()),
    ).rejects.toThrow(/must be synchronous/);
    expect(count(e)).toBe(0);
  });

  it('is FULL-synced by default and NORMAL only when asked, returning to FULL afterwards', async () => {
    const e = env();
    const level = () => e.db.pragma('synchronous', { simple: true });
    expect(await inWriteTransaction(e.db, level, opts())).toBe(2);
    expect(await inWriteTransaction(e.db, level, opts({ durability: 'normal' }))).toBe(1);
    expect(level()).toBe(2);
    await inWriteTransaction(
      e.db,
      () => {
        throw new Error('x');
      },
      opts({ durability: 'normal' }),
    ).catch(() => {});
    expect(level()).toBe(2);
  });

  it('waits off the event loop while another process holds the lock, then commits', async () => {
    const e = env();
    const holder = await holdWriteLock(path.join(e.dir, DB_FILE));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const write = inWriteTransaction(e.db, () => (insert(e, 'after-wait'), 'ok'), opts());
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The loop kept turning while the write waited for the lock.
    expect(ticks).toBeGreaterThan(10);
    expect(count(e)).toBe(0);
    await holder.release();
    expect(await write).toBe('ok');
    clearInterval(ticker);
    expect(count(e)).toBe(1);
  });

  it('gives up with "busy" after lockWaitMs, having changed nothing', async () => {
    const e = env();
    const holder = await holdWriteLock(path.join(e.dir, DB_FILE));
    cleanups.push(() => holder.release());
    let ran = false;
    const started = performance.now();
    const err = await inWriteTransaction(e.db, () => (ran = true), opts({ lockWaitMs: 200 })).catch(
      (x: unknown) => x,
    );
    const waited = performance.now() - started;
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({
      code: 'busy',
      message: expect.stringMatching(
        /locked by another program \(waited 0\.2 s\); nothing was changed[\s\S]*Close it and try again/,
      ),
    });
    expect(ran).toBe(false);
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(e.db.inTransaction).toBe(false);
  });

  it('retries on the injected clock: nothing is given up before lockWaitMs of it has passed', async () => {
    const e = env();
    const holder = await holdWriteLock(path.join(e.dir, DB_FILE));
    cleanups.push(() => holder.release());
    const clock = new ManualClock();
    let settled = false;
    const write = inWriteTransaction(e.db, () => 1, opts({ clock, lockWaitMs: 1_000 })).finally(
      () => (settled = true),
    );
    write.catch(() => {});
    for (let i = 0; i < 40; i++) await clock.advanceAsync(20);
    expect(settled).toBe(false);
    await clock.advanceAsync(200);
    await clock.advanceAsync(50);
    await expect(write).rejects.toMatchObject({ code: 'busy' });
  });

  it('stops waiting at once when the caller gives up', async () => {
    const e = env();
    const holder = await holdWriteLock(path.join(e.dir, DB_FILE));
    cleanups.push(() => holder.release());
    let cancelled = false;
    const write = inWriteTransaction(
      e.db,
      () => 1,
      opts({
        checkpoint: () => {
          if (cancelled) throw new EngineError('cancelled', 'caller left');
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancelled = true;
    await expect(write).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('isLockedError', () => {
  it('knows the locked-database failure, also rebuilt from its code and message after a thread hop', () => {
    const err = lockedError(2_000);
    expect(isLockedError(err)).toBe(true);
    expect(isLockedError(new EngineError(err.code, err.message))).toBe(true);
    expect(isLockedError(new EngineError('busy', 'Keel is busy: 1000 changes are already waiting.'))).toBe(
      false,
    );
    expect(isLockedError(new Error(err.message))).toBe(false);
  });
});
