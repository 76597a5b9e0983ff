import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../workers/task';
import type { TaskInfo } from '../workers/runner';
import { beginFirstStart } from './first-start';

/** A runner with one demo.generate job the test ends by hand. */
function fakeRunner(otherTasks: TaskInfo[] = []) {
  let resolve!: (v: unknown) => void;
  let reject!: (e: Error) => void;
  let onProgress: ((p: Progress) => void) | undefined;
  const runs: unknown[] = [];
  const cancels: string[] = [];
  const info: TaskInfo = {
    id: 'task-demo',
    task: 'demo.generate',
    lane: 'write',
    state: 'running',
    progress: { done: 3, total: 10, message: 'sessions' },
    error: null,
    queuedAt: 0,
    updatedAt: 1_000,
  };
  const runner = {
    run: (_task: string, input: unknown, options: { onProgress?: (p: Progress) => void }) => {
      runs.push(input);
      onProgress = options.onProgress;
      return new Promise((res, rej) => ((resolve = res), (reject = rej)));
    },
    tracked: () => [...otherTasks, info],
    cancel: (id: string) => (cancels.push(id), true),
  };
  return {
    runner,
    info,
    runs,
    cancels,
    progress: (done: number, total: number) => onProgress?.({ done, total, message: null }),
    finish: (v: unknown) => resolve(v),
    fail: (e: Error) => reject(e),
  };
}

function start(accounts: unknown[] = [], others: TaskInfo[] = []) {
  const r = fakeRunner(others);
  const logs: string[] = [];
  const fs = beginFirstStart({
    store: { accounts: { list: () => accounts } } as never,
    runner: r.runner as never,
    size: 'default',
    dataDir: '/data/Keel',
    log: (l) => logs.push(l),
  });
  return { ...r, logs, fs };
}

const never = new AbortController().signal;

describe('a first start', () => {
  it('makes the demo book of the asked size, logging every tenth of the way once, and is then ready', async () => {
    const s = start();
    expect(s.runs).toEqual([{ size: 'default' }]);
    expect(s.logs).toEqual([
      'First start in /data/Keel: generating the default demo book (simulated broker)…',
    ]);
    for (const done of [0, 5, 10, 12, 35, 99, 100]) s.progress(done, 100);
    expect(s.logs.slice(1)).toEqual([
      '  demo book 0%',
      '  demo book 10%',
      '  demo book 30%',
      '  demo book 90%',
    ]);
    expect(s.fs.task()).toMatchObject({ id: 'task-demo', state: 'running', done: 3, total: 10 });
    s.finish({ fills: 50_123, days: 628, asOf: '2026-10-30' });
    await s.fs.ready(never);
    expect(s.logs.at(-1)).toBe('Demo book ready: 50,123 fills over 628 sessions, as of 2026-10-30.');
    s.info.state = 'done';
    expect(s.fs.task()).toBeNull();
  });

  it('says why the book could not be made, and what to do', async () => {
    const s = start();
    s.fail(new Error('disk full'));
    const err = await s.fs.ready(never).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'unavailable',
      message:
        'The demo book could not be made: disk full Restart Keel to try again; if it keeps failing, start with an empty --data-dir.',
    });
    expect(s.logs.at(-1)).toBe('The demo book could not be made: disk full');
  });

  it('lets a waiting caller go, and leaves no listener behind once ready', async () => {
    const s = start();
    const gone = new AbortController();
    const waiting = s.fs.ready(gone.signal).catch((e: unknown) => e);
    gone.abort();
    expect(await waiting).toMatchObject({
      code: 'cancelled',
      message: 'The request was cancelled: its caller went away.',
    });
    const aborted = new AbortController();
    aborted.abort();
    await expect(s.fs.ready(aborted.signal)).rejects.toMatchObject({ code: 'cancelled' });
    const staying = new AbortController();
    const ready = s.fs.ready(staying.signal);
    expect(getEventListeners(staying.signal, 'abort')).toHaveLength(1);
    s.finish(null);
    await ready;
    await Promise.resolve();
    expect(getEventListeners(staying.signal, 'abort')).toHaveLength(0);
  });

  it('reports its own task, not another tracked one, and cancels that one', () => {
    const other: TaskInfo = { ...fakeRunner().info, id: 'task-other', task: 'report' };
    const s = start([], [other]);
    expect(s.fs.task()?.id).toBe('task-demo');
    s.fs.cancel();
    expect(s.cancels).toEqual(['task-demo']);
  });

  it('does nothing on a later start', async () => {
    const s = start([{ id: 'demo' }]);
    expect(s.runs).toEqual([]);
    expect(s.logs).toEqual([]);
    await s.fs.ready(never);
    expect(s.fs.task()).toBeNull();
    s.fs.cancel();
    expect(s.cancels).toEqual([]);
  });
});
