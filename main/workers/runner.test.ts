import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock';
import { createTaskRunner, DEFAULT_LANES, stableJson, type TaskInfo } from './runner';
import { readTask, writeTask, type LaneName } from './task';
import { FakeExecutor, flush } from './testing/fake-executor';

const registry = {
  query: readTask<{ a: number; b?: number }, string>({ run: () => 'q' }),
  report: readTask<Record<string, never>, string>({ lane: 'batch', tracked: true, run: () => 'r' }),
  save: writeTask<{ v: number }, void>({ run: () => {} }),
  bulk: writeTask<{ v: number }, void>({ priority: 'bulk', tracked: true, timeoutMs: 5, run: () => {} }),
};

function setup(lanes?: Parameters<typeof createTaskRunner>[0]['lanes']) {
  const clock = new ManualClock();
  const executors: Record<LaneName, FakeExecutor> = {
    interactive: new FakeExecutor(),
    batch: new FakeExecutor(),
    write: new FakeExecutor(),
  };
  const runner = createTaskRunner({
    registry,
    executors,
    clock,
    ...(lanes ? { lanes } : {}),
    cancelGraceMs: 100,
    runId: 'run1',
  });
  return { clock, executors, runner };
}

/** Runs `count` bulk writes one after another, each finished by the fake writer. */
async function runBulk(
  runner: ReturnType<typeof setup>['runner'],
  executors: ReturnType<typeof setup>['executors'],
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const p = runner.run('bulk', { v: i });
    await flush();
    executors.write.started.at(-1)!.finish(undefined);
    await p;
  }
}

describe('task runner', () => {
  it('sends reads to their lane and writes to the writer', async () => {
    const { executors, runner } = setup();
    void runner.run('query', { a: 1 });
    void runner.run('report', {});
    void runner.run('save', { v: 1 });
    await flush();
    expect(executors.interactive.started.map((h) => h.job.task)).toEqual(['query']);
    expect(executors.batch.started.map((h) => h.job.task)).toEqual(['report']);
    expect(executors.write.started.map((h) => h.job.task)).toEqual(['save']);
    expect(runner.stats()).toEqual({
      interactive: { queued: 0, running: 1 },
      batch: { queued: 0, running: 1 },
      write: { queued: 0, running: 1 },
    });
  });

  it('lets a caller move a read to the batch lane, never a write', async () => {
    const { executors, runner } = setup();
    void runner.run('query', { a: 1 }, { lane: 'batch' });
    void runner.run('save', { v: 1 }, { lane: 'batch' });
    await flush();
    expect(executors.batch.started.map((h) => h.job.task)).toEqual(['query']);
    expect(executors.write.started.map((h) => h.job.task)).toEqual(['save']);
  });

  it('shares identical reads whatever the key order of their input, but never writes', async () => {
    const { executors, runner } = setup();
    const a = runner.run('query', { a: 1, b: 2 });
    const b = runner.run('query', { b: 2, a: 1 });
    void runner.run('query', { a: 2, b: 2 });
    void runner.run('save', { v: 1 });
    void runner.run('save', { v: 1 });
    await flush();
    expect(executors.interactive.started).toHaveLength(1);
    executors.interactive.get('query').finish('same');
    expect(await Promise.all([a, b])).toEqual(['same', 'same']);
    await flush();
    expect(executors.interactive.started).toHaveLength(2);
    executors.write.get('save').finish(undefined);
    await flush();
    expect(executors.write.started).toHaveLength(2);
  });

  it('applies the time limit of the call, else the task, else the lane', async () => {
    const { executors, runner, clock } = setup({ interactive: { timeoutMs: 50 } });
    const byLane = runner.run('query', { a: 1 }).catch((e: Error) => e);
    const byTask = runner.run('bulk', { v: 1 }).catch((e: Error) => e);
    const byCall = runner.run('report', {}, { timeoutMs: 20 }).catch((e: Error) => e);
    await flush();
    clock.advance(5);
    expect(executors.write.cancels).toHaveLength(1);
    expect(executors.batch.cancels).toHaveLength(0);
    clock.advance(15);
    expect(executors.batch.cancels).toHaveLength(1);
    expect(executors.interactive.cancels).toHaveLength(0);
    clock.advance(30);
    expect(executors.interactive.cancels).toHaveLength(1);
    for (const e of Object.values(executors)) for (const h of e.started) h.fail(new Error('stopped'));
    expect(await byLane).toMatchObject({ code: 'timeout' });
    expect(await byTask).toMatchObject({ code: 'timeout' });
    expect(await byCall).toMatchObject({ code: 'timeout' });
  });

  it('bounds each lane by its own queue', async () => {
    const { runner } = setup({ interactive: { maxQueue: 1 } });
    void runner.run('query', { a: 1 }).catch(() => {});
    await flush();
    void runner.run('query', { a: 2 }).catch(() => {});
    await expect(runner.run('query', { a: 3 })).rejects.toMatchObject({ code: 'busy' });
    // Another lane still takes work.
    void runner.run('report', {}).catch(() => {});
    expect(runner.stats().batch.running + runner.stats().batch.queued).toBe(1);
  });

  it('refuses a task it does not know', async () => {
    const { runner } = setup();
    await expect(runner.run('nope' as 'query', { a: 1 })).rejects.toMatchObject({
      code: 'internal',
      message: 'There is no task "nope".',
    });
  });

  it('cancels a tracked task still waiting in its queue', async () => {
    const { executors, runner } = setup();
    void runner.run('bulk', { v: 1 }).catch(() => {});
    const waiting = runner.run('bulk', { v: 2 }).catch((e: Error) => e);
    await flush();
    const [running, queued] = runner.tracked();
    expect([running?.state, queued?.state]).toEqual(['running', 'queued']);
    expect(runner.cancel(queued!.id)).toBe(true);
    expect(await waiting).toMatchObject({ code: 'cancelled' });
    expect(executors.write.started).toHaveLength(1);
  });

  it('lists tracked tasks in the order they were queued', async () => {
    const { executors, runner } = setup();
    for (let i = 0; i < 12; i++) void runner.run('bulk', { v: i }).catch(() => {});
    await flush();
    for (let i = 0; i < 3; i++) {
      executors.write.started.at(-1)!.finish(undefined);
      await flush();
    }
    const ids = runner.tracked().map((t) => Number(t.id.split('-').at(-1)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toHaveLength(12);
  });

  it('keeps running and queued tasks listed however many have finished', async () => {
    const { executors, runner } = setup();
    void runner.run('report', {});
    await flush();
    await runBulk(runner, executors, 55);
    const tracked = runner.tracked();
    expect(tracked.filter((t) => t.state === 'running').map((t) => t.task)).toEqual(['report']);
    expect(tracked.filter((t) => t.state === 'done')).toHaveLength(50);
  });

  it('tracks long tasks only: their states, progress and times, and cancels them by id', async () => {
    const { executors, runner, clock } = setup();
    const seen: TaskInfo[] = [];
    runner.onTask((t) => seen.push(t));
    void runner.run('query', { a: 1 });
    const report = runner.run('report', {}).catch((e: Error) => e);
    await flush();
    const t0 = clock.now();
    clock.advance(1_000);
    executors.batch.get('report').progress({ done: 3, total: 10, message: 'pages' });
    const [info] = runner.tracked();
    expect(info).toMatchObject({
      task: 'report',
      lane: 'batch',
      state: 'running',
      progress: { done: 3, total: 10, message: 'pages' },
      queuedAt: t0,
      updatedAt: t0 + 1_000,
      error: null,
    });
    expect(seen.every((t) => t.task === 'report')).toBe(true);
    expect(runner.cancel(info!.id)).toBe(true);
    expect(executors.batch.cancels).toHaveLength(1);
    executors.batch.get('report').fail(new Error('checkpoint'));
    expect(await report).toMatchObject({ code: 'cancelled' });
    expect(runner.tracked()[0]).toMatchObject({
      id: info!.id,
      state: 'cancelled',
      error: 'The task was cancelled.',
    });
    expect(runner.cancel(info!.id)).toBe(false);
    expect(runner.cancel('task-424242')).toBe(false);
  });

  it('names tasks uniquely across engine runs, so a page that outlived a restart never confuses them', async () => {
    const ids = await Promise.all(
      [undefined, undefined].map(async () => {
        const clock = new ManualClock();
        const executors = {
          interactive: new FakeExecutor(),
          batch: new FakeExecutor(),
          write: new FakeExecutor(),
        };
        const runner = createTaskRunner({ registry, executors, clock });
        void runner.run('report', {});
        await flush();
        return runner.tracked()[0]!.id;
      }),
    );
    expect(ids[0]).toMatch(/^task-[0-9a-z]+-\d+$/);
    expect(ids[0]).not.toBe(ids[1]);
    const { runner } = setup();
    void runner.run('report', {});
    await flush();
    expect(runner.tracked()[0]!.id).toMatch(/^task-run1-\d+$/);
  });

  it('keeps the last 50 finished tasks', async () => {
    const { executors, runner } = setup();
    await runBulk(runner, executors, 55);
    const tracked = runner.tracked();
    expect(tracked).toHaveLength(50);
    expect(tracked.every((t) => t.state === 'done')).toBe(true);
    const ids = tracked.map((t) => Number(t.id.split('-').at(-1)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('an observer that throws disturbs neither the work nor other observers', async () => {
    const { executors, runner } = setup();
    const seen: string[] = [];
    runner.onTask(() => {
      throw new Error('observer bug');
    });
    const off = runner.onTask((t) => seen.push(t.state));
    const p = runner.run('report', {});
    await flush();
    executors.batch.get('report').finish('ok');
    expect(await p).toBe('ok');
    expect(seen).toEqual(['queued', 'running', 'done']);
    off();
    void runner.run('report', {});
    await flush();
    expect(seen).toHaveLength(3);
  });

  it('closes reads before the writer, letting writes finish', async () => {
    const { executors, runner } = setup();
    const write = runner.run('save', { v: 1 });
    void runner.run('query', { a: 1 }).catch(() => {});
    await flush();
    const closing = runner.close();
    await flush();
    expect(executors.interactive.cancels).toHaveLength(1);
    executors.interactive.get('query').fail(new Error('stopped'));
    await flush();
    expect(executors.interactive.closed).toBe(true);
    expect(executors.write.closed).toBe(false);
    executors.write.get('save').finish('saved');
    await closing;
    expect(await write).toBe('saved');
    expect(executors.write.closed).toBe(true);
  });

  it('has one thread per lane by default, and bounded queues', () => {
    expect(DEFAULT_LANES).toEqual({
      interactive: { workers: 1, maxQueue: 64, timeoutMs: 30_000 },
      batch: { workers: 1, maxQueue: 16, timeoutMs: 1_800_000 },
      write: { workers: 1, maxQueue: 1_000, timeoutMs: 60_000 },
    });
  });
});

describe('stableJson', () => {
  it('orders object keys at every depth and keeps arrays in order', () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(stableJson({ n: 10n })).toBe('{"n":"10n"}');
    expect(stableJson({ e: 5, c: 3, a: 1, d: 4, b: 2 })).toBe('{"a":1,"b":2,"c":3,"d":4,"e":5}');
    expect(stableJson({ a: 1, b: 2 })).not.toBe(stableJson({ a: 2, b: 1 }));
  });
});
