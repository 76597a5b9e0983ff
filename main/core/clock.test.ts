import { describe, expect, it } from 'vitest';
import { isoNow, sleep, systemClock } from './clock';
import { ManualClock } from './testing/manual-clock';

describe('the manual clock', () => {
  it('moves wall and monotonic time together, only when told', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5));
    expect(clock.monotonic()).toBe(0);
    clock.advance(1_500);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5) + 1_500);
    expect(clock.monotonic()).toBe(1_500);
    expect(isoNow(clock)).toBe('2026-01-05T00:00:01.500Z');
    expect(() => clock.advance(-1)).toThrow(/cannot go back/);
  });

  it('fires timers in time order, ties in the order set, at their own time', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.monotonic()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.monotonic()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.monotonic()}`), 20);
    clock.advance(9);
    expect(fired).toEqual([]);
    clock.advance(100);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.monotonic()).toBe(109);
    expect(clock.pending).toBe(0);
  });

  it('fires a timer set while advancing if it falls due in the same advance', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.monotonic());
      clock.setTimeout(() => fired.push(clock.monotonic()), 5);
    }, 10);
    clock.advance(14);
    expect(fired).toEqual([10]);
    clock.advance(1);
    expect(fired).toEqual([10, 15]);
  });

  it('repeats intervals until cleared, and a cleared timer never fires', () => {
    const clock = new ManualClock(0);
    let n = 0;
    const every = clock.setInterval(() => n++, 100);
    const never = clock.setTimeout(() => (n += 1_000), 50);
    never.clear();
    clock.advance(350);
    expect(n).toBe(3);
    every.clear();
    clock.advance(1_000);
    expect(n).toBe(3);
    expect(clock.pending).toBe(0);
  });

  it('treats a zero or negative interval as 1 ms instead of looping forever', () => {
    const clock = new ManualClock(0);
    let n = 0;
    const t = clock.setInterval(() => n++, 0);
    clock.advance(5);
    t.clear();
    expect(n).toBe(5);
  });

  it('refuses a non-finite delay, which Node would quietly turn into 1 ms', () => {
    const clock = new ManualClock(0);
    expect(() => clock.setTimeout(() => {}, Number.POSITIVE_INFINITY)).toThrow(/finite delay/);
    expect(() => clock.setInterval(() => {}, Number.NaN)).toThrow(/finite delay/);
  });

  it('lets promise callbacks run between steps with advanceAsync', async () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    void sleep(clock, 10).then(() => {
      order.push('first');
      return sleep(clock, 10).then(() => order.push('second'));
    });
    await clock.advanceAsync(20, 10);
    expect(order).toEqual(['first', 'second']);
  });
});

describe('sleep', () => {
  it('resolves after the time on the given clock', async () => {
    const clock = new ManualClock(0);
    let done = false;
    const p = sleep(clock, 50).then(() => (done = true));
    clock.advance(49);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it('rejects with the reason when aborted, before or during, and clears its timer', async () => {
    const clock = new ManualClock(0);
    const before = new AbortController();
    before.abort(new Error('already gone'));
    await expect(sleep(clock, 10, before.signal)).rejects.toThrow('already gone');
    const during = new AbortController();
    const p = sleep(clock, 10, during.signal);
    during.abort(new Error('left'));
    await expect(p).rejects.toThrow('left');
    expect(clock.pending).toBe(0);
  });
});

describe('the system clock', () => {
  it('reads the real time and runs real timers that do not hold the process open', async () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    const m = systemClock.monotonic();
    await sleep(systemClock, 15);
    expect(systemClock.monotonic() - m).toBeGreaterThanOrEqual(14);
    let n = 0;
    const t = systemClock.setInterval(() => n++, 5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    t.clear();
    const seen = n;
    expect(seen).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(n).toBe(seen);
    const cleared = systemClock.setTimeout(() => (n = -1), 1);
    cleared.clear();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(n).toBe(seen);
  });
});
