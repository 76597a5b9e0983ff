/**
 * Time, injected. Everything in the engine that reads the time or waits takes a Clock, so tests
 * (and simulations) can drive sliding windows, sessions, schedules, timeouts and back-offs with
 * a ManualClock (core/testing/manual-clock.ts) instead of sleeping. Lint bans Date.now(),
 * new Date() and the global timers in main/ outside this file and the entry points.
 */
export interface Clock {
  /** Wall-clock time, epoch milliseconds. */
  now(): number;
  /** Milliseconds on a clock that never jumps (for durations and deadlines). */
  monotonic(): number;
  /** Calls `fn` once after `ms`; the timer never keeps the process alive on its own. */
  setTimeout(fn: () => void, ms: number): Timer;
  /** Calls `fn` every `ms` until cleared; never keeps the process alive on its own. */
  setInterval(fn: () => void, ms: number): Timer;
}

export interface Timer {
  clear(): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { clear: () => clearTimeout(t) };
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, ms);
    t.unref();
    return { clear: () => clearInterval(t) };
  },
};

/** ISO-8601 UTC text of the clock's current time. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();

/** Resolves after `ms` on `clock`; rejects with the signal's reason if it aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      timer.clear();
      reject(signal!.reason as Error);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
