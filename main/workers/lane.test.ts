import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../core/errors';
import { ManualClock } from '../core/testing/manual-clock';
import { Lane, type JobEvent, type JobSpec, type LaneOptions } from './lane';
import { FakeExecutor, flush } from './testing/fake-executor';

function setup(over: Partial<LaneOptions> & { capacity?: number; canKill?: boolean } = {}) {
  const clock = new ManualClock();
  const executor = new FakeExecutor(over.capacity ?? 1, over.canKill ?? false);
  const events: JobEvent[] = [];
  const lane = new Lane({
    name: 'interactive',
    executor,
    clock,
    maxQueue: 3,
    cancelGraceMs: 1_000,
    abandonable: true,
    drainOnClose: false,
    onJob: (e) => events.push(e),
    ...over,
  });
  return { clock, executor, lane, events };
}

const spec = (task: string, over: Partial<JobSpec> = {}): JobSpec => ({
  task,
  input: { task },
  priority: 'interactive',
  timeoutMs: 10_000,
  ...over,
});

/** Captures a promise's outcome without an unhandled rejection. */
function outcome(p: Promise<unknown>) {
  const seen: { value?: unknown; error?: Error; settled: boolean } = { settled: false };
  p.then(
    (value) => Object.assign(seen, { value, settled: true }),
    (error: Error) => Object.assign(seen, { error, settled: true }),
  );
  return seen;
}

describe('a lane', () => {
  it('runs jobs up to its capacity and starts the next as one finishes, in order', async () => {
    const { executor, lane } = setup({ capacity: 2 });
    const a = lane.run(spec('a'));
    const b = lane.run(spec('b'));
    const c = outcome(lane.run(spec('c')));
    await flush();
    expect(executor.started.map((h) => h.job.task)).toEqual(['a', 'b']);
    expect(lane.stats()).toEqual({ queued: 1, running: 2 });
    executor.get('b').finish('B');
    expect(await b).toBe('B');
    await flush();
    expect(executor.started.map((h) => h.job.task)).toEqual(['a', 'b', 'c']);
    executor.get('a').finish('A');
    executor.get('c').finish('C');
    expect(await a).toBe('A');
    await flush();
    expect(c).toEqual({ settled: true, value: 'C' });
    expect(lane.stats()).toEqual({ queued: 0, running: 0 });
  });

  it('answers busy at once when its queue is full, and starts nothing', async () => {
    const { executor, lane } = setup({ maxQueue: 2 });
    const running = outcome(lane.run(spec('running')));
    const q1 = outcome(lane.run(spec('q1')));
    const q2 = outcome(lane.run(spec('q2')));
    await expect(lane.run(spec('refused'))).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringMatching(/2 queries are already waiting/),
    });
    await flush();
    expect(executor.started.map((h) => h.job.task)).toEqual(['running']);
    executor.get('running').finish(1);
    await flush();
    executor.get('q1').finish(2);
    await flush();
    executor.get('q2').finish(3);
    await flush();
    expect([running.value, q1.value, q2.value]).toEqual([1, 2, 3]);
    expect(executor.started.some((h) => h.job.task === 'refused')).toBe(false);
  });

  it('accepts exactly maxQueue waiting jobs', async () => {
    const { lane } = setup({ maxQueue: 3 });
    outcome(lane.run(spec('running')));
    await flush();
    for (let i = 0; i < 3; i++) outcome(lane.run(spec(`q${i}`)));
    expect(lane.stats().queued).toBe(3);
    await expect(lane.run(spec('one too many'))).rejects.toMatchObject({ code: 'busy' });
  });

  it('names what is waiting in the busy message of the write and batch lanes', async () => {
    for (const [name, what] of [
      ['write', 'changes'],
      ['batch', 'long tasks'],
    ] as const) {
      const { lane } = setup({ name, maxQueue: 0 });
      outcome(lane.run(spec('x')));
      await flush();
      await expect(lane.run(spec('y'))).rejects.toThrow(new RegExp(`0 ${what} are already waiting`));
    }
  });

  it('starts waiting interactive jobs before bulk ones, each in arrival order', async () => {
    const { executor, lane } = setup({ maxQueue: 10 });
    outcome(lane.run(spec('first')));
    await flush();
    for (const [task, priority] of [
      ['bulk1', 'bulk'],
      ['inter1', 'interactive'],
      ['bulk2', 'bulk'],
      ['inter2', 'interactive'],
    ] as const)
      outcome(lane.run(spec(task, { priority })));
    for (let i = 0; i < 5; i++) {
      executor.started.at(-1)!.finish(i);
      await flush();
    }
    expect(executor.started.map((h) => h.job.task)).toEqual(['first', 'inter1', 'inter2', 'bulk1', 'bulk2']);
  });

  it('runs identical queries in flight once and gives every caller the answer', async () => {
    const { executor, lane } = setup();
    const key = 'summary:{"accountId":"demo"}';
    const calls = Array.from({ length: 1_000 }, () => lane.run(spec('summary', { key })));
    await flush();
    expect(executor.started).toHaveLength(1);
    expect(lane.stats()).toEqual({ queued: 0, running: 1 });
    executor.get('summary').finish({ equity: '1.00' });
    const answers = await Promise.all(calls);
    expect(answers).toHaveLength(1_000);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set(['{"equity":"1.00"}']));
    // Once answered, the same query runs afresh (the data may have changed).
    const again = lane.run(spec('summary', { key }));
    await flush();
    expect(executor.started).toHaveLength(2);
    executor.get('summary', 1).finish('fresh');
    expect(await again).toBe('fresh');
  });

  it('shares a queued identical query too, and a failure reaches every caller', async () => {
    const { executor, lane } = setup();
    outcome(lane.run(spec('blocker')));
    const a = outcome(lane.run(spec('q', { key: 'k' })));
    const b = outcome(lane.run(spec('q', { key: 'k' })));
    const other = outcome(lane.run(spec('q', { key: 'other' })));
    expect(lane.stats().queued).toBe(2);
    executor.get('blocker').finish(0);
    await flush();
    executor.get('q').fail(new Error('disk on fire'));
    await flush();
    expect(a.error?.message).toBe('disk on fire');
    expect(b.error?.message).toBe('disk on fire');
    expect(other.settled).toBe(false);
  });

  it('passes progress to every caller of the job', async () => {
    const { executor, lane, events } = setup();
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    const a = lane.run(spec('long', { key: 'k' }), { onProgress: (p) => seenA.push(p) });
    const b = lane.run(spec('long', { key: 'k' }), { onProgress: (p) => seenB.push(p) });
    await flush();
    executor.get('long').progress({ done: 1, total: 4, message: 'one' });
    executor.get('long').progress({ done: 4, total: 4, message: null });
    executor.get('long').finish('ok');
    await Promise.all([a, b]);
    expect(seenA).toEqual([
      { done: 1, total: 4, message: 'one' },
      { done: 4, total: 4, message: null },
    ]);
    expect(seenB).toEqual(seenA);
    expect(events.map((e) => [e.state, e.progress?.done ?? null])).toEqual([
      ['queued', null],
      ['running', null],
      ['running', 1],
      ['running', 4],
      ['done', 4],
    ]);
  });

  it('drops a queued job whose only caller went away, without ever starting it', async () => {
    const { executor, lane, events } = setup();
    outcome(lane.run(spec('blocker')));
    const gone = new AbortController();
    const p = lane.run(spec('abandoned'), { signal: gone.signal });
    gone.abort();
    await expect(p).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/caller went away/),
    });
    expect(lane.stats().queued).toBe(0);
    executor.get('blocker').finish(1);
    await flush();
    expect(executor.started.map((h) => h.job.task)).toEqual(['blocker']);
    expect(events.filter((e) => e.task === 'abandoned').map((e) => e.state)).toEqual(['queued', 'cancelled']);
  });

  it('refuses a call whose caller is already gone', async () => {
    const { executor, lane } = setup();
    const gone = new AbortController();
    gone.abort();
    await expect(lane.run(spec('x'), { signal: gone.signal })).rejects.toMatchObject({ code: 'cancelled' });
    await flush();
    expect(executor.started).toEqual([]);
  });

  it('keeps a shared job running while any caller still waits', async () => {
    const { executor, lane } = setup();
    const leaving = new AbortController();
    const left = outcome(lane.run(spec('q', { key: 'k' }), { signal: leaving.signal }));
    const stays = lane.run(spec('q', { key: 'k' }));
    await flush();
    leaving.abort();
    await flush();
    expect(left.error).toMatchObject({ code: 'cancelled' });
    expect(executor.cancels).toEqual([]);
    executor.get('q').finish('for the one who stayed');
    expect(await stays).toBe('for the one who stayed');
  });

  it('asks a running job to stop when its last caller leaves, then kills it after the grace period', async () => {
    const { executor, lane, clock } = setup({ canKill: true });
    const gone = new AbortController();
    const p = outcome(lane.run(spec('slow'), { signal: gone.signal }));
    const next = lane.run(spec('next'));
    await flush();
    gone.abort();
    await flush();
    expect(p.error).toMatchObject({ code: 'cancelled' });
    expect(executor.cancels).toEqual([executor.get('slow').job.id]);
    expect(executor.get('slow').killed).toBeNull();
    clock.advance(999);
    expect(executor.get('slow').killed).toBeNull();
    clock.advance(1);
    expect(executor.get('slow').killed).toMatchObject({ code: 'cancelled' });
    await flush();
    // The slot is free again: the next job runs.
    executor.get('next').finish('n');
    expect(await next).toBe('n');
  });

  it('does not kill a job that stopped within the grace period', async () => {
    const { executor, lane, clock } = setup({ canKill: true });
    const gone = new AbortController();
    outcome(lane.run(spec('polite'), { signal: gone.signal }));
    await flush();
    gone.abort();
    executor.get('polite').fail(new EngineError('cancelled', 'stopped at a checkpoint'));
    await flush();
    clock.advance(5_000);
    expect(executor.get('polite').killed).toBeNull();
  });

  it('times a running job out: its callers hear "timeout", it is asked to stop', async () => {
    const { executor, lane, clock } = setup({ canKill: true });
    const p = outcome(lane.run(spec('report', { timeoutMs: 30_000 })));
    await flush();
    clock.advance(29_999);
    expect(executor.cancels).toEqual([]);
    clock.advance(1);
    expect(executor.cancels).toEqual([executor.get('report').job.id]);
    // It stops at its next checkpoint: the caller hears why it was stopped, not the checkpoint's error.
    executor.get('report').fail(new EngineError('cancelled', 'stopped at a checkpoint'));
    await flush();
    expect(p.error).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/report took longer than its limit of 30 s/),
    });
  });

  it('counts the time limit from when the job starts, not while it waits', async () => {
    const { executor, lane, clock } = setup();
    outcome(lane.run(spec('first', { timeoutMs: Number.POSITIVE_INFINITY })));
    const waiting = outcome(lane.run(spec('second', { timeoutMs: 1_000 })));
    await flush();
    clock.advance(5_000);
    expect(executor.cancels).toEqual([]);
    executor.get('first').finish(1);
    await flush();
    clock.advance(999);
    expect(waiting.settled).toBe(false);
    expect(executor.cancels).toEqual([]);
    clock.advance(1);
    expect(executor.cancels).toEqual([executor.get('second').job.id]);
  });

  it('gives a result that arrives after a stop request to its callers: the truth wins', async () => {
    const { executor, lane, clock } = setup({ name: 'write', abandonable: false });
    const p = outcome(lane.run(spec('save', { timeoutMs: 1_000 })));
    await flush();
    clock.advance(1_000);
    executor.get('save').finish('committed');
    await flush();
    expect(p).toEqual({ settled: true, value: 'committed' });
  });

  it('abandons a read that cannot be killed: callers hear at once, the slot frees when it really ends', async () => {
    const { executor, lane, clock } = setup({ canKill: false, abandonable: true });
    const p = outcome(lane.run(spec('stubborn', { timeoutMs: 1_000 })));
    const next = outcome(lane.run(spec('next')));
    await flush();
    clock.advance(1_000);
    expect(p.settled).toBe(false);
    clock.advance(1_000);
    await flush();
    expect(p.error).toMatchObject({ code: 'timeout' });
    expect(executor.started.map((h) => h.job.task)).toEqual(['stubborn']);
    expect(lane.stats().running).toBe(1);
    executor.get('stubborn').finish('late');
    await flush();
    expect(executor.started.map((h) => h.job.task)).toEqual(['stubborn', 'next']);
    executor.get('next').finish('n');
    await flush();
    expect(next.value).toBe('n');
  });

  it('never abandons a write: the caller waits for what really happened', async () => {
    const { executor, lane, clock } = setup({ name: 'write', abandonable: false, canKill: false });
    const p = outcome(lane.run(spec('save', { timeoutMs: 1_000 })));
    await flush();
    clock.advance(60_000);
    await flush();
    expect(p.settled).toBe(false);
    executor.get('save').fail(new EngineError('cancelled', 'rolled back'));
    await flush();
    expect(p.error).toMatchObject({ code: 'timeout' });
  });

  it('never kills the writer, even when it could: a kill could land just after its COMMIT', async () => {
    const { executor, lane, clock } = setup({ name: 'write', abandonable: false, canKill: true });
    const p = outcome(lane.run(spec('save', { timeoutMs: 1_000 })));
    await flush();
    clock.advance(60_000);
    await flush();
    expect(executor.get('save').cancelled).toBe(true);
    expect(executor.get('save').killed).toBeNull();
    // It committed after all: the caller hears so, not "timeout".
    executor.get('save').finish('saved');
    await flush();
    expect(p.value).toBe('saved');
  });

  it('gives a write whose caller left its real outcome, committed or rolled back', async () => {
    const { executor, lane } = setup({ name: 'write', abandonable: false });
    const gone = new AbortController();
    const committed = outcome(lane.run(spec('save'), { signal: gone.signal }));
    await flush();
    gone.abort();
    await flush();
    // Asked to stop, but not answered "cancelled" while it may still commit.
    expect(executor.get('save').cancelled).toBe(true);
    expect(committed.settled).toBe(false);
    executor.get('save').finish('saved');
    await flush();
    expect(committed.value).toBe('saved');

    const left = new AbortController();
    const rolledBack = outcome(lane.run(spec('save', { input: 2 }), { signal: left.signal }));
    await flush();
    left.abort();
    await flush();
    executor.get('save', 1).fail(new EngineError('cancelled', 'The task was stopped before it finished.'));
    await flush();
    expect(rolledBack.error).toMatchObject({ code: 'cancelled', message: /caller went away/ });
  });

  it('keeps a write running for its other callers when one leaves', async () => {
    const { executor, lane } = setup({ name: 'write', abandonable: false });
    const gone = new AbortController();
    const first = outcome(lane.run(spec('save', { key: 'k' }), { signal: gone.signal }));
    const second = outcome(lane.run(spec('save', { key: 'k' })));
    await flush();
    gone.abort();
    await flush();
    expect(executor.get('save').cancelled).toBe(false);
    executor.get('save').finish('saved');
    await flush();
    expect([first.value, second.value]).toEqual(['saved', 'saved']);
  });

  it('starts a fresh run for a caller that asks while the shared one is being stopped', async () => {
    const { executor, lane } = setup({ capacity: 2 });
    const gone = new AbortController();
    const old = outcome(lane.run(spec('summary', { key: 's' }), { signal: gone.signal }));
    await flush();
    gone.abort(); // the page reloads: its old request goes away…
    const fresh = lane.run(spec('summary', { key: 's' })); // …and the new page asks again
    await flush();
    expect(old.error).toMatchObject({ code: 'cancelled' });
    expect(executor.started.map((h) => h.job.task)).toEqual(['summary', 'summary']);
    executor.get('summary', 0).fail(new EngineError('cancelled', 'stopped'));
    executor.get('summary', 1).finish('S');
    expect(await fresh).toBe('S');
  });

  it('answers every queued job at once with a failure they would all meet (the database locked elsewhere)', async () => {
    const locked = new EngineError('busy', 'locked elsewhere');
    const { executor, lane } = setup({
      name: 'write',
      abandonable: false,
      failsQueued: (err) => err === locked,
    });
    const first = outcome(lane.run(spec('a')));
    const queued = [outcome(lane.run(spec('b'))), outcome(lane.run(spec('c')))];
    await flush();
    executor.get('a').fail(locked);
    await flush();
    expect([first.error, ...queued.map((q) => q.error)]).toEqual([locked, locked, locked]);
    expect(executor.started.map((h) => h.job.task)).toEqual(['a']);
    // Any other failure leaves the queue alone.
    const next = outcome(lane.run(spec('d')));
    const after = outcome(lane.run(spec('e')));
    await flush();
    executor.get('d').fail(new Error('constraint failed'));
    await flush();
    expect(next.error?.message).toBe('constraint failed');
    expect(after.settled).toBe(false);
    expect(executor.started.map((h) => h.job.task)).toEqual(['a', 'd', 'e']);
  });

  it('cancels a job by id, queued or running', async () => {
    const { executor, lane } = setup();
    const running = outcome(lane.run(spec('running')));
    const queued = outcome(lane.run(spec('queued')));
    await flush();
    const [runningJob] = executor.started;
    expect(lane.cancel(999_999)).toBe(false);
    const queuedId = runningJob!.job.id + 1;
    expect(lane.cancel(queuedId)).toBe(true);
    await flush();
    expect(queued.error).toMatchObject({ code: 'cancelled', message: 'The task was cancelled.' });
    expect(lane.cancel(runningJob!.job.id)).toBe(true);
    expect(executor.cancels).toEqual([runningJob!.job.id]);
    runningJob!.fail(new EngineError('cancelled', 'checkpoint'));
    await flush();
    expect(running.error).toMatchObject({ code: 'cancelled', message: 'The task was cancelled.' });
  });

  it('reports failures with their message and cancellations as cancelled', async () => {
    const { executor, lane, events } = setup();
    outcome(lane.run(spec('boom')));
    await flush();
    executor.get('boom').fail(new Error('kaput'));
    await flush();
    expect(events.at(-1)).toMatchObject({
      task: 'boom',
      state: 'failed',
      error: 'kaput',
      lane: 'interactive',
    });
  });

  it('at close stops reads: queued ones are refused, running ones asked to stop; then the executor closes', async () => {
    const { executor, lane } = setup();
    const running = outcome(lane.run(spec('running')));
    const queued = outcome(lane.run(spec('queued')));
    await flush();
    const closing = lane.close();
    await flush();
    expect(queued.error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/shutting down/),
    });
    expect(executor.cancels).toEqual([executor.get('running').job.id]);
    expect(executor.closed).toBe(false);
    executor.get('running').fail(new EngineError('cancelled', 'stopped'));
    await closing;
    expect(running.error).toMatchObject({ code: 'unavailable' });
    expect(executor.closed).toBe(true);
    await expect(lane.run(spec('after'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('at close lets writes finish, queued ones too, before the executor closes', async () => {
    const { executor, lane } = setup({ name: 'write', drainOnClose: true, abandonable: false });
    const a = outcome(lane.run(spec('a')));
    const b = outcome(lane.run(spec('b')));
    await flush();
    const closing = lane.close();
    await expect(lane.run(spec('late'))).rejects.toMatchObject({ code: 'unavailable' });
    executor.get('a').finish('A');
    await flush();
    expect(executor.closed).toBe(false);
    executor.get('b').finish('B');
    await closing;
    expect([a.value, b.value]).toEqual(['A', 'B']);
    expect(executor.cancels).toEqual([]);
    expect(executor.closed).toBe(true);
  });

  it('closes at once when idle, and a second close is harmless', async () => {
    const { executor, lane } = setup();
    await lane.close();
    await lane.close();
    expect(executor.closeCount).toBe(1);
  });

  it('at close waits for every running job, not just the first to end', async () => {
    const { executor, lane } = setup({ capacity: 2, drainOnClose: true, abandonable: false, name: 'write' });
    outcome(lane.run(spec('a')));
    outcome(lane.run(spec('b')));
    await flush();
    let closed = false;
    const closing = lane.close().then(() => (closed = true));
    executor.get('a').finish(1);
    await flush();
    expect(closed).toBe(false);
    expect(executor.closed).toBe(false);
    executor.get('b').finish(2);
    await closing;
    expect(executor.closed).toBe(true);
  });

  it('counts waiting bulk jobs against the queue bound too', async () => {
    const { lane } = setup({ maxQueue: 2 });
    outcome(lane.run(spec('running')));
    await flush();
    outcome(lane.run(spec('b1', { priority: 'bulk' })));
    outcome(lane.run(spec('b2', { priority: 'bulk' })));
    expect(lane.stats().queued).toBe(2);
    await expect(lane.run(spec('i', { priority: 'interactive' }))).rejects.toMatchObject({ code: 'busy' });
  });

  it('asks a running job to stop once, however many reasons there are', async () => {
    const { executor, lane, clock } = setup({ canKill: true });
    const gone = new AbortController();
    outcome(lane.run(spec('slow', { timeoutMs: 100 }), { signal: gone.signal }));
    await flush();
    clock.advance(100); // timeout
    gone.abort(); // and its caller leaves
    expect(executor.cancels).toEqual([executor.get('slow').job.id]);
    expect(lane.cancel(executor.get('slow').job.id)).toBe(true);
    expect(executor.cancels).toHaveLength(1);
    clock.advance(1_000);
    // Killed once, for the first reason.
    expect(executor.get('slow').killed).toMatchObject({ code: 'timeout' });
  });

  it('ignores what an abandoned job does afterwards: late progress, late result', async () => {
    const { executor, lane, clock, events } = setup({ canKill: false, abandonable: true });
    const seen: unknown[] = [];
    const p = outcome(lane.run(spec('stubborn', { timeoutMs: 10 }), { onProgress: (pr) => seen.push(pr) }));
    await flush();
    clock.advance(10 + 1_000);
    await flush();
    expect(p.error).toMatchObject({ code: 'timeout' });
    const eventsBefore = events.length;
    executor.get('stubborn').progress({ done: 1, total: 1, message: null });
    executor.get('stubborn').finish('late');
    await flush();
    expect(seen).toEqual([]);
    expect(events).toHaveLength(eventsBefore);
    expect(events.filter((e) => e.task === 'stubborn').map((e) => e.state)).toEqual([
      'queued',
      'running',
      'failed',
    ]);
  });

  it('forgets a queued job it cancelled: a second cancel finds nothing', async () => {
    const { executor, lane } = setup();
    outcome(lane.run(spec('running')));
    const queued = outcome(lane.run(spec('queued')));
    await flush();
    const queuedId = executor.get('running').job.id + 1;
    expect(lane.cancel(queuedId)).toBe(true);
    expect(lane.cancel(queuedId)).toBe(false);
    await flush();
    expect(queued.error).toMatchObject({ code: 'cancelled' });
  });

  it('leaves no listener on a caller’s signal once its call is answered', async () => {
    const { executor, lane } = setup({ capacity: 3 });
    const page = new AbortController();
    const calls = ['a', 'b', 'c'].map((t) => lane.run(spec(t), { signal: page.signal }));
    await flush();
    expect(getEventListeners(page.signal, 'abort')).toHaveLength(3);
    for (const t of ['a', 'b', 'c']) executor.get(t).finish(t);
    await Promise.all(calls);
    expect(getEventListeners(page.signal, 'abort')).toHaveLength(0);
  });

  it('works without an observer', async () => {
    const clock = new ManualClock();
    const executor = new FakeExecutor();
    const lane = new Lane({
      name: 'batch',
      executor,
      clock,
      maxQueue: 1,
      cancelGraceMs: 10,
      abandonable: true,
      drainOnClose: false,
    });
    const p = lane.run(spec('x'));
    await flush();
    executor.get('x').progress({ done: 1, total: 2, message: null });
    executor.get('x').finish('done');
    expect(await p).toBe('done');
  });
});
