import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireInstanceLock,
  DataFolderInUseError,
  HOLDER_FILE,
  LOCK_FILE,
  readHolder,
  type LockHolder,
} from './instance-lock';
import { spawnReady } from './testing/lock-holder';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function folder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-lock-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const me = (over: Partial<LockHolder> = {}): LockHolder => ({
  pid: process.pid,
  host: 'test-host',
  shell: 'headless',
  version: '1.2.3',
  startedAt: '2026-11-22T10:00:00.000Z',
  ...over,
});

describe('the data-folder lock', () => {
  it('refuses a second holder, naming the first, and frees on release', () => {
    const dir = folder();
    const first = acquireInstanceLock(dir, me());
    expect(readHolder(dir)).toEqual(me());
    let err: unknown;
    try {
      acquireInstanceLock(dir, me({ pid: 1 }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFolderInUseError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `in use by another Keel \\(PID ${process.pid}, keel serve 1\\.2\\.3, started 2026-11-22T10:00:00\\.000Z on test-host\\)`,
      ),
    );
    expect((err as Error).message).toMatch(
      new RegExp(`kill ${process.pid}\`\\), or start this one with --data-dir`),
    );
    first.release();
    first.release();
    expect(fs.existsSync(path.join(dir, HOLDER_FILE))).toBe(false);
    const second = acquireInstanceLock(dir, me({ pid: 2, shell: 'desktop' }));
    expect(readHolder(dir)).toMatchObject({ pid: 2, shell: 'desktop' });
    second.release();
  });

  it('names the desktop app, and copes without a holder file', () => {
    const dir = folder();
    const lock = acquireInstanceLock(dir, me({ shell: 'desktop' }));
    cleanups.push(() => lock.release());
    expect(() => acquireInstanceLock(dir, me())).toThrow(/the desktop app 1\.2\.3/);
    fs.rmSync(path.join(dir, HOLDER_FILE));
    expect(() => acquireInstanceLock(dir, me())).toThrow(
      /in use by another Keel\. Only one Keel[\s\S]*Stop it first/,
    );
  });

  it('is held by another process until it dies, however it dies (kill -9 leaves no stale lock)', async () => {
    const dir = folder();
    const lockModule = path.join(__dirname, 'instance-lock.ts');
    const child = await spawnReady(
      // Kept referenced: a lock nobody holds may be collected, and its connection closed with it.
      `const { acquireInstanceLock } = require(${JSON.stringify(lockModule)});
       globalThis.held = acquireInstanceLock(process.argv[1], { pid: process.pid, host: 'h', shell: 'headless', version: 'v', startedAt: 's' });
       process.stdout.write('ready\\n');
       setInterval(() => {}, 1000);`,
      [dir],
    );
    expect(() => acquireInstanceLock(dir, me())).toThrow(new RegExp(`PID ${child.pid}`));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const lock = acquireInstanceLock(dir, me());
    // The dead holder's file was replaced by ours.
    expect(readHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('knows when keel.lock is no longer its file, and can step aside for a fresh one', () => {
    const dir = folder();
    const lock = acquireInstanceLock(dir, me());
    expect(lock.verify()).toBe(true);
    fs.rmSync(path.join(dir, LOCK_FILE));
    expect(lock.verify()).toBe(false);
    const fresh = acquireInstanceLock(dir, me());
    expect(lock.verify()).toBe(false);
    lock.abandon();
    // The fresh lock's holder note stays; it is the one in force.
    expect(readHolder(dir)?.pid).toBe(me().pid);
    expect(fresh.verify()).toBe(true);
    fresh.release();
    expect(readHolder(dir)).toBeNull();
  });

  it('does not remove a holder file that is not its own', () => {
    const dir = folder();
    const lock = acquireInstanceLock(dir, me());
    fs.writeFileSync(path.join(dir, HOLDER_FILE), JSON.stringify(me({ pid: 4242 })));
    lock.release();
    expect(readHolder(dir)?.pid).toBe(4242);
    expect(readHolder(folder())).toBeNull();
  });
});
