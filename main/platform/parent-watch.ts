import type { Clock, Timer } from '../core/clock';

/**
 * Calls `onGone` once the process that started us has gone away (we were re-parented). Used
 * when Keel runs under a launcher — `npm run`, `npx`, `npm start` — that may die without passing
 * its signal on (npm forwards SIGTERM to its shell, which dies and leaves us orphaned with the
 * database open). Not used when started directly: `nohup keel serve &` must outlive its shell.
 */
export function watchParent(options: {
  clock: Clock;
  onGone: (formerParent: number) => void;
  intervalMs?: number;
  ppid?: () => number;
}): Timer {
  const ppid = options.ppid ?? (() => process.ppid);
  const parent = ppid();
  let fired = false;
  const timer = options.clock.setInterval(() => {
    if (fired || ppid() === parent) return;
    fired = true;
    timer.clear();
    options.onGone(parent);
  }, options.intervalMs ?? 500);
  return timer;
}

/** True when a launcher started us and we should not outlive it. */
export function launchedByWrapper(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.KEEL_EXIT_WITH_PARENT === '1' || (env.npm_lifecycle_event ?? '') !== '';
}
