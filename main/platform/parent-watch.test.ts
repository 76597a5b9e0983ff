import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock';
import { launchedByWrapper, watchParent } from './parent-watch';

describe('watching the launcher', () => {
  it('calls back once, with the former parent, when we are re-parented', () => {
    const clock = new ManualClock(0);
    let ppid = 100;
    const gone: number[] = [];
    watchParent({ clock, onGone: (p) => gone.push(p), ppid: () => ppid, intervalMs: 500 });
    clock.advance(5_000);
    expect(gone).toEqual([]);
    ppid = 1;
    clock.advance(499);
    expect(gone).toEqual([]);
    clock.advance(1);
    expect(gone).toEqual([100]);
    ppid = 7;
    clock.advance(5_000);
    expect(gone).toEqual([100]);
    expect(clock.pending).toBe(0);
  });

  it('can be stopped', () => {
    const clock = new ManualClock(0);
    let ppid = 100;
    const gone: number[] = [];
    const t = watchParent({ clock, onGone: (p) => gone.push(p), ppid: () => ppid });
    t.clear();
    ppid = 1;
    clock.advance(10_000);
    expect(gone).toEqual([]);
  });

  it('applies under npm run / npx / npm start, not when started directly', () => {
    expect(launchedByWrapper({ npm_lifecycle_event: 'web' })).toBe(true);
    expect(launchedByWrapper({ npm_lifecycle_event: 'npx' })).toBe(true);
    expect(launchedByWrapper({ KEEL_EXIT_WITH_PARENT: '1' })).toBe(true);
    expect(launchedByWrapper({ KEEL_EXIT_WITH_PARENT: '0' })).toBe(false);
    expect(launchedByWrapper({ npm_lifecycle_event: '' })).toBe(false);
    expect(launchedByWrapper({})).toBe(false);
  });
});
