import { describe, expect, it } from 'vitest';
import type { EventFrame } from '../contract/http';
import { MAX_TOPICS } from '../contract/topics';
import { sampleTaskInfo } from '../contract/testing/samples';
import { EventBus } from './events';

const task = (id: string) => sampleTaskInfo(id);

describe('the event bus', () => {
  it('validates a payload before anyone sees it: an invalid one throws and reaches nobody', () => {
    const bus = new EventBus();
    const frames: EventFrame[] = [];
    bus.listen((f) => frames.push(f));
    expect(() => bus.emit('settings.changed', { theme: 'neon' } as never)).toThrow();
    expect(frames).toEqual([]);
    bus.emit('settings.changed', { theme: 'light', simMarket: 'sessions', stray: 1 } as never);
    expect(frames).toEqual([
      { event: 'settings.changed', payload: { theme: 'light', simMarket: 'sessions' } },
    ]);
  });

  it('keeps delivering to the others when one listener throws, and logs it', () => {
    const logs: string[] = [];
    const bus = new EventBus((l) => logs.push(l));
    const got: string[] = [];
    bus.listen(() => got.push('first'));
    bus.listen(() => {
      throw new Error('closed socket');
    });
    bus.listen(() => got.push('third'));
    bus.emit('settings.changed', { theme: 'dark', simMarket: 'sessions' });
    expect(got).toEqual(['first', 'third']);
    expect(logs).toEqual(['an event listener failed on settings.changed: closed socket']);
  });

  it('stops delivering to a listener that unsubscribed', () => {
    const bus = new EventBus();
    const got: unknown[] = [];
    const off = bus.listen((f) => got.push(f));
    off();
    bus.emit('settings.changed', { theme: 'dark', simMarket: 'sessions' });
    expect(got).toEqual([]);
  });

  it('puts the key on frames of keyed events', () => {
    const bus = new EventBus();
    const frames: EventFrame[] = [];
    bus.listen((f) => frames.push(f));
    bus.emit('task.progress', task('task-1'));
    expect(frames).toEqual([{ event: 'task.progress', key: 'task-1', payload: task('task-1') }]);
  });
});

describe('an event stream', () => {
  it('delivers nothing until it subscribes, then only its topics', () => {
    const bus = new EventBus();
    const got: EventFrame[] = [];
    const stream = bus.open((f) => got.push(f));
    bus.emit('settings.changed', { theme: 'dark', simMarket: 'sessions' });
    expect(got).toEqual([]);
    stream.subscribe([{ event: 'settings.changed' }]);
    bus.emit('settings.changed', { theme: 'light', simMarket: 'sessions' });
    bus.emit('task.progress', task('task-1'));
    bus.emit('app.status', { state: 'ready', at: 'now' });
    expect(got.map((f) => f.event)).toEqual(['settings.changed']);
  });

  it('takes one key of a keyed event, or all of them', () => {
    const bus = new EventBus();
    const one: EventFrame[] = [];
    const all: EventFrame[] = [];
    bus.open((f) => one.push(f)).subscribe([{ event: 'task.progress', key: 'task-2' }]);
    bus.open((f) => all.push(f)).subscribe([{ event: 'task.progress' }]);
    bus.emit('task.progress', task('task-1'));
    bus.emit('task.progress', task('task-2'));
    expect(one.map((f) => f.key)).toEqual(['task-2']);
    expect(all.map((f) => f.key)).toEqual(['task-1', 'task-2']);
  });

  it('sends a frame once even when two of its topics match', () => {
    const bus = new EventBus();
    const got: EventFrame[] = [];
    bus
      .open((f) => got.push(f))
      .subscribe([{ event: 'task.progress' }, { event: 'task.progress', key: 'task-1' }]);
    bus.emit('task.progress', task('task-1'));
    expect(got).toHaveLength(1);
  });

  it('unsubscribes topics, and closes for good', () => {
    const bus = new EventBus();
    const got: EventFrame[] = [];
    const stream = bus.open((f) => got.push(f));
    stream.subscribe([{ event: 'settings.changed' }, { event: 'app.status' }]);
    stream.unsubscribe([{ event: 'settings.changed' }]);
    bus.emit('settings.changed', { theme: 'dark', simMarket: 'sessions' });
    bus.emit('app.status', { state: 'ready', at: 'now' });
    expect(got.map((f) => f.event)).toEqual(['app.status']);
    stream.close();
    stream.close();
    bus.emit('app.status', { state: 'stopping', at: 'later' });
    expect(got).toHaveLength(1);
  });

  it(`holds at most ${MAX_TOPICS} topics, refusing a subscription that would exceed them whole`, () => {
    const bus = new EventBus();
    const got: EventFrame[] = [];
    const stream = bus.open((f) => got.push(f));
    const many = Array.from({ length: MAX_TOPICS }, (_, i) => ({
      event: 'task.progress' as const,
      key: `t${i}`,
    }));
    stream.subscribe(many);
    stream.subscribe([{ event: 'task.progress', key: 't0' }]); // already held: still within the limit
    expect(() => stream.subscribe([{ event: 'settings.changed' }])).toThrow(
      expect.objectContaining({ code: 'bad_request', message: expect.stringMatching(/At most 256 topics/) }),
    );
    bus.emit('settings.changed', { theme: 'dark', simMarket: 'sessions' });
    expect(got).toEqual([]);
    stream.unsubscribe([{ event: 'task.progress', key: 't0' }]);
    stream.subscribe([{ event: 'settings.changed' }]);
    bus.emit('settings.changed', { theme: 'dark', simMarket: 'sessions' });
    expect(got).toHaveLength(1);
  });
});
