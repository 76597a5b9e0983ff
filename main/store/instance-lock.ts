import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { isBusyError } from './db';

/** Who holds a data folder, written beside the lock for the refusal message. */
export interface LockHolder {
  pid: number;
  host: string;
  shell: string;
  version: string;
  startedAt: string;
}

export const LOCK_FILE = 'keel.lock';
export const HOLDER_FILE = 'keel.lock.json';

export interface InstanceLock {
  /** Lets the folder go: closes the lock and removes the holder note. */
  release(): void;
  /**
   * False once keel.lock is no longer the file this lock holds (someone deleted or replaced it):
   * a second Keel could then take a new one. The engine checks this and takes the folder again.
   */
  verify(): boolean;
  /** Closes the lock without touching the holder note (a fresh lock has replaced it). */
  abandon(): void;
}

/** A second engine was refused a data folder that another one is using. */
export class DataFolderInUseError extends Error {
  readonly code = 'EKEELINUSE';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `another Keel (PID ${holder.pid}, ${holder.shell === 'desktop' ? 'the desktop app' : 'keel serve'} ${holder.version}, started ${holder.startedAt} on ${holder.host})`
      : 'another Keel';
    const stop = holder ? `Stop that one first (for example \`kill ${holder.pid}\`)` : 'Stop it first';
    super(
      `The data folder ${dataDir} is in use by ${who}. Only one Keel may use a data folder at a time — ` +
        'each runs the broker connections, webhooks and risk state of its book, and two would act twice. ' +
        `${stop}, or start this one with --data-dir <another folder>.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/**
 * Takes the data folder for this engine, or throws DataFolderInUseError naming the holder.
 * The lock is SQLite's own exclusive lock on a small side file, held for the life of the
 * connection: the OS drops it when the process dies however it dies (kill -9, power cut), so
 * a crash never leaves a stale lock behind, and it works the same on Linux, macOS and Windows.
 */
export function acquireInstanceLock(
  dataDir: string,
  holder: LockHolder,
  nativeBinding?: string,
): InstanceLock {
  const db = new Database(path.join(dataDir, LOCK_FILE), {
    timeout: 0,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until close.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (held INTEGER); COMMIT;');
  } catch (err) {
    db.close();
    if (isBusyError(err)) throw new DataFolderInUseError(dataDir, readHolder(dataDir));
    throw err;
  }
  const lockFile = path.join(dataDir, LOCK_FILE);
  const held = fs.statSync(lockFile);
  const holderFile = path.join(dataDir, HOLDER_FILE);
  try {
    const tmp = `${holderFile}.${holder.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(holder)}\n`);
    fs.renameSync(tmp, holderFile);
  } catch {
    // Only the refusal message of a second Keel uses it; the lock itself is what counts.
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        if (readHolder(dataDir)?.pid === holder.pid) fs.rmSync(holderFile, { force: true });
      } finally {
        db.close();
      }
    },
    verify() {
      try {
        const now = fs.statSync(lockFile);
        return now.ino === held.ino && now.dev === held.dev;
      } catch {
        return false;
      }
    },
    abandon() {
      if (released) return;
      released = true;
      db.close();
    },
  };
}

export function readHolder(dataDir: string): LockHolder | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    return typeof value.pid === 'number' ? (value as LockHolder) : null;
  } catch {
    return null;
  }
}
