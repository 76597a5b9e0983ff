import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock';
import { createStore } from '../store';
import { tempDb } from '../store/testing/db';
import { inlineExecutor } from './inline';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';
import { PROGRESS_INTERVAL_MS, runTask } from './run-task';
import { serveTasks } from './runtime';
import type { Progress } from './task';
import { testTasks } from './testing/test-tasks';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function db() {
  const env = tempDb();
  cleanups.push(() => env.cleanup());
  return env;
}

describe('runTask', () => {
  it('throttles progress to one report per interval, always passing the last', async () => {
    const env = db();
    const clock = new ManualClock();
    const seen: Progress[] = [];
    const def = {
      kind: 'read' as const,
      run: (ctx: { progress(d: number, t: number, m?: string): void }) => {
        ctx.progress(1, 4);
        ctx.progress(2, 4); // same instant: dropped
        clock.advance(PROGRESS_INTERVAL_MS - 1);
        ctx.progress(3, 4); // 99 ms later: dropped
        clock.advance(1);
        ctx.progress(3, 4, 'three'); // 100 ms: passes
        ctx.progress(4, 4); // the end always passes
        return 'ok';
      },
    };
    const result = await runTask(
      def,
      {},
      {
        store: createStore(env.db),
        clock,
        lockWaitMs: 0,
        isCancelled: () => false,
        signal: new AbortController().signal,
        onProgress: (p) => seen.push(p),
      },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([
      { done: 1, total: 4, message: null },
      { done: 3, total: 4, message: 'three' },
      { done: 4, total: 4, message: null },
    ]);
  });

  it('does not start a task that was cancelled before it began', async () => {
    const env = db();
    let ran = false;
    const def = { kind: 'read' as const, run: () => (ran = true) };
    await expect(
      runTask(
        def,
        {},
        {
          store: createStore(env.db),
          clock: new ManualClock(),
          lockWaitMs: 0,
          isCancelled: () => true,
          signal: new AbortController().signal,
          onProgress: () => {},
        },
      ),
    ).rejects.toMatchObject({ code: 'cancelled', message: 'The task was stopped before it finished.' });
    expect(ran).toBe(false);
  });
});

describe('inline executor', () => {
  function inline() {
    const env = db();
    return {
      env,
      ex: inlineExecutor({
        registry: testTasks,
        store: createStore(env.db),
        clock: new ManualClock(),
        lockWaitMs: 0,
      }),
    };
  }

  it('runs tasks and copies inputs and results as threads would', async () => {
    const { ex } = inline();
    const input = { value: { list: [1, 2] } };
    const out = (await ex.execute({ id: 1, task: 'echo', input }, () => {})) as { list: number[] };
    expect(out).toEqual({ list: [1, 2] });
    expect(out).not.toBe(input.value);
    await expect(ex.execute({ id: 2, task: 'uncloneable', input: {} }, () => {})).rejects.toThrow(
      /could not be cloned/,
    );
    await expect(ex.execute({ id: 3, task: 'nope', input: {} }, () => {})).rejects.toThrow(
      'There is no task "nope".',
    );
    expect(ex.kill(1, undefined as never)).toBe(false);
    expect(ex.capacity).toBe(1);
    ex.cancel(424_242); // nothing by that id: harmless
  });

  it('stops a task at its checkpoint when cancelled', async () => {
    const { ex } = inline();
    const running = ex.execute({ id: 7, task: 'async', input: { value: 1 } }, () => {});
    ex.cancel(7);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('runs write tasks in a transaction at their durability', async () => {
    const { ex, env } = inline();
    expect(await ex.execute({ id: 1, task: 'save', input: { key: 'k', value: 1 } }, () => {})).toBe(2);
    expect(await ex.execute({ id: 2, task: 'saveBulk', input: { key: 'j', value: 1 } }, () => {})).toBe(1);
    await expect(
      ex.execute({ id: 3, task: 'saveThenFail', input: { key: 'x' } }, () => {}),
    ).rejects.toThrow();
    expect(env.db.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['j', 'k']);
    expect(env.db.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('worker runtime (over a MessageChannel, in this thread)', () => {
  function serve() {
    const env = db();
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const init: WorkerInit = { dataDir: env.dir, lockWaitMs: 0, cancelFlag: flag };
    serveTasks(port2, testTasks, init, new ManualClock());
    const messages: FromWorker[] = [];
    const waiters: (() => void)[] = [];
    port1.on('message', (m: FromWorker) => {
      messages.push(m);
      for (const w of waiters.splice(0)) w();
    });
    cleanups.push(() => {
      port1.close();
      port2.close();
    });
    const send = (m: ToWorker) => port1.postMessage(m);
    const result = async (id: number): Promise<FromWorker> => {
      for (;;) {
        const found = messages.find((m) => m.id === id && m.type === 'result');
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    return { env, send, result, messages, flag: new Int32Array(flag) };
  }

  it('answers each job with its result, in order', async () => {
    const { send, result } = serve();
    send({ type: 'run', id: 1, task: 'async', input: { value: 4 } });
    send({ type: 'run', id: 2, task: 'echo', input: { value: 'b' } });
    expect(await result(1)).toEqual({ type: 'result', id: 1, ok: true, result: 8 });
    expect(await result(2)).toEqual({ type: 'result', id: 2, ok: true, result: 'b' });
  });

  it('answers failures with message, code and stack, and unknown tasks clearly', async () => {
    const { send, result } = serve();
    send({ type: 'run', id: 1, task: 'fail', input: { message: 'nope', code: 'conflict' } });
    send({ type: 'run', id: 2, task: 'missing', input: {} });
    expect(await result(1)).toMatchObject({
      ok: false,
      message: 'nope',
      code: 'conflict',
      stack: expect.stringMatching(/nope/),
    });
    expect(await result(2)).toMatchObject({ ok: false, message: 'There is no task "missing".' });
  });

  it('answers a result that cannot be sent with an error', async () => {
    const { send, result } = serve();
    send({ type: 'run', id: 1, task: 'uncloneable', input: {} });
    expect(await result(1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not be sent back/),
    });
  });

  it('sends progress with the job id', async () => {
    const { send, result, messages } = serve();
    send({ type: 'run', id: 5, task: 'progress', input: { steps: 2 } });
    await result(5);
    expect(messages.filter((m) => m.type === 'progress')).toEqual([
      { type: 'progress', id: 5, progress: { done: 1, total: 2, message: 'step 1' } },
      { type: 'progress', id: 5, progress: { done: 2, total: 2, message: 'step 2' } },
    ]);
  });

  it('stops the running job on a cancel message, and on the shared flag naming it only', async () => {
    const { send, result, flag } = serve();
    send({ type: 'run', id: 1, task: 'async', input: { value: 1 } });
    send({ type: 'cancel', id: 1 });
    expect(await result(1)).toMatchObject({ ok: false, code: 'cancelled' });
    Atomics.store(flag, 0, 99);
    send({ type: 'run', id: 2, task: 'async', input: { value: 1 } });
    expect(await result(2)).toMatchObject({ ok: true, result: 2 });
    Atomics.store(flag, 0, 3);
    send({ type: 'run', id: 3, task: 'async', input: { value: 1 } });
    expect(await result(3)).toMatchObject({ ok: false, code: 'cancelled' });
  });

  it('ignores a cancel meant for another job, and messages it does not know', async () => {
    const { send, result } = serve();
    send({ type: 'run', id: 1, task: 'async', input: { value: 5 } });
    send({ type: 'cancel', id: 2 });
    send({ type: 'shout' } as unknown as ToWorker);
    expect(await result(1)).toMatchObject({ ok: true, result: 10 });
  });

  it('gives writes the read-write connection and reads a read-only one', async () => {
    const { send, result, env } = serve();
    send({ type: 'run', id: 1, task: 'save', input: { key: 'w', value: true } });
    send({ type: 'run', id: 2, task: 'writeFromRead', input: { key: 'r' } });
    expect(await result(1)).toMatchObject({ ok: true, result: 2 });
    expect(await result(2)).toMatchObject({ ok: false, message: expect.stringMatching(/readonly/i) });
    expect(env.db.prepare('SELECT key FROM settings').pluck().all()).toEqual(['w']);
  });
});
