import { sleep, type Clock } from '../core/clock';
import { EngineError } from '../core/errors';
import { isBusyError, type Db } from './db';

/**
 * full: the commit is on disk before the caller hears of it (fsync of the WAL) — orders, fills,
 * webhook events, risk state, settings. normal: survives a crash of Keel, but an OS crash or power
 * loss may take the last commits — for data that can be made again (the demo book, synced caches).
 */
export type Durability = 'full' | 'normal';

export interface WriteOptions {
  durability: Durability;
  /** How long to keep retrying while another program holds the write lock. */
  lockWaitMs: number;
  clock: Clock;
  /** Throws if the caller gave up; checked between lock attempts. */
  checkpoint: () => void;
}

const FIRST_RETRY_MS = 2;
const MAX_RETRY_MS = 50;

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT) at the given durability. While
 * another connection holds the write lock it retries with short, growing sleeps — timers, never a
 * synchronous wait — and after `lockWaitMs` fails with 'busy' having changed nothing. `fn` must
 * be synchronous: a transaction never waits for I/O. It rolls back completely if `fn` throws.
 */
export async function inWriteTransaction<T>(db: Db, fn: () => T, options: WriteOptions): Promise<T> {
  const { clock } = options;
  const started = clock.monotonic();
  let delay = FIRST_RETRY_MS;
  db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  try {
    for (;;) {
      options.checkpoint();
      try {
        db.exec('BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if (!isBusyError(err)) throw err;
        const waited = clock.monotonic() - started;
        if (waited >= options.lockWaitMs) throw lockedError(waited);
        await sleep(clock, Math.min(delay, options.lockWaitMs - waited));
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    }
    try {
      const result = fn();
      if (isThenable(result)) {
        throw new Error(
          'A write task returned a Promise: write tasks must be synchronous (a transaction never waits for I/O).',
        );
      }
      // The last moment a stop request can still undo the change; after COMMIT it stands.
      options.checkpoint();
      db.exec('COMMIT');
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    if (options.durability !== 'full') db.pragma('synchronous = FULL');
  }
}

const LOCKED = 'The Keel database is locked by another program';

export function lockedError(waitedMs: number): EngineError {
  return new EngineError(
    'busy',
    `${LOCKED} (waited ${(waitedMs / 1000).toFixed(1)} s); nothing was changed. ` +
      'Something else has keel.sqlite open for writing — a backup or sync tool, a database browser, a script. Close it and try again.',
  );
}

/** A write gave up because another program holds the database (also after crossing a thread). */
export function isLockedError(err: Error): boolean {
  return err instanceof EngineError && err.code === 'busy' && err.message.startsWith(LOCKED);
}

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
