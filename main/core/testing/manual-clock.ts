import type { Clock, Timer } from '../clock';

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  every: number | null;
  cleared: boolean;
}

/**
 * A clock that moves only when told. Timers fire in time order (ties in the order they were set)
 * as `advance` passes them; a timer set while advancing fires in the same call if it falls due.
 */
export class ManualClock implements Clock {
  private wall: number;
  private mono = 0;
  private seq = 0;
  private readonly timers: Scheduled[] = [];

  constructor(startMs = Date.UTC(2026, 0, 5, 14, 30)) {
    this.wall = startMs;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return this.schedule(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return this.schedule(fn, ms, Math.max(1, ms));
  }

  /** Timers not yet fired or cleared. */
  get pending(): number {
    return this.timers.filter((t) => !t.cleared).length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock cannot go back');
    const end = this.mono + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.moveTo(next.at);
      if (next.every === null) this.remove(next);
      else next.at += next.every;
      next.fn();
    }
    this.moveTo(end);
  }

  /** Advances by `ms`, letting promise callbacks run between timers (for async code under test). */
  async advanceAsync(ms: number, step = ms): Promise<void> {
    let left = ms;
    while (left > 0) {
      const by = Math.min(step, left);
      this.advance(by);
      left -= by;
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
  }

  private schedule(fn: () => void, ms: number, every: number | null): Timer {
    // Node turns a non-finite delay into 1 ms (with a warning): a bug worth failing a test on.
    if (!Number.isFinite(ms)) throw new RangeError(`a timer needs a finite delay, not ${ms}`);
    const t: Scheduled = {
      at: this.mono + (every ?? Math.max(0, ms)),
      seq: this.seq++,
      fn,
      every,
      cleared: false,
    };
    this.timers.push(t);
    return { clear: () => this.remove(t) };
  }

  private nextDue(end: number): Scheduled | undefined {
    let best: Scheduled | undefined;
    for (const t of this.timers) {
      if (t.cleared || t.at > end) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private moveTo(mono: number): void {
    this.wall += mono - this.mono;
    this.mono = mono;
  }

  private remove(t: Scheduled): void {
    t.cleared = true;
    const i = this.timers.indexOf(t);
    if (i >= 0) this.timers.splice(i, 1);
  }
}
