import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleTaskInfo } from '../../main/contract/testing/samples';
import { EventSocket, type SocketLike, type SocketStatus } from './eventSocket';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  /** Text frames the client sent. */
  readonly outgoing: unknown[] = [];
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  open() {
    this.onopen?.(new Event('open'));
  }
  /** The client sends (topic messages). */
  send(text: string) {
    this.outgoing.push(JSON.parse(text));
  }
  /** The server pushes a frame. */
  push(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) } as MessageEvent);
  }
  drop() {
    this.onclose?.({ code: 1006 } as CloseEvent);
  }
  close() {
    this.closed = true;
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const statuses: SocketStatus[] = [];
  const onReconnected = vi.fn();
  const es = new EventSocket({
    url: 'ws://host/api/events',
    protocols: ['keel.v1', 'keel.token.abc'],
    createSocket: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    onStatus: (s) => statuses.push(s),
    onReconnected,
    random: () => 1,
  });
  return { es, sockets, statuses, onReconnected };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('EventSocket', () => {
  it('opens one shared socket with the subprotocols on first subscribe', () => {
    const { es, sockets } = setup();
    es.subscribe('settings.changed', () => {});
    es.subscribe('app.status', () => {});
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe('ws://host/api/events');
    expect(sockets[0]?.protocols).toEqual(['keel.v1', 'keel.token.abc']);
  });

  it('delivers valid frames to the listeners of that event only', () => {
    const { es, sockets } = setup();
    const settings = vi.fn();
    const status = vi.fn();
    es.subscribe('settings.changed', settings);
    const off = es.subscribe('app.status', status);
    sockets[0]?.open();
    sockets[0]?.push({ event: 'settings.changed', payload: { theme: 'light', simMarket: 'sessions' } });
    expect(settings).toHaveBeenCalledWith({ theme: 'light', simMarket: 'sessions' });
    expect(status).not.toHaveBeenCalled();
    off();
    sockets[0]?.push({ event: 'app.status', payload: { state: 'ready', at: 'now' } });
    expect(status).not.toHaveBeenCalled();
  });

  it('subscribes its topics when the socket opens, and each new or last-gone topic as it happens', () => {
    const { es, sockets } = setup();
    const offA = es.subscribe('settings.changed', () => {});
    const offB = es.subscribe('settings.changed', () => {});
    es.subscribe('task.progress', () => {}, 'task-1');
    expect(sockets[0]?.outgoing).toEqual([]);
    sockets[0]?.open();
    expect(sockets[0]?.outgoing).toEqual([
      {
        type: 'subscribe',
        topics: [{ event: 'settings.changed' }, { event: 'task.progress', key: 'task-1' }],
      },
    ]);
    es.subscribe('app.status', () => {});
    offA();
    offA();
    expect(sockets[0]?.outgoing).toHaveLength(2);
    offB();
    expect(sockets[0]?.outgoing.slice(1)).toEqual([
      { type: 'subscribe', topics: [{ event: 'app.status' }] },
      { type: 'unsubscribe', topics: [{ event: 'settings.changed' }] },
    ]);
  });

  it('subscribes every topic again after a reconnect', () => {
    const { es, sockets } = setup();
    es.subscribe('settings.changed', () => {});
    es.subscribe('task.progress', () => {}, 'k');
    sockets[0]?.open();
    sockets[0]?.drop();
    vi.advanceTimersByTime(500);
    sockets[1]?.open();
    expect(sockets[1]?.outgoing).toEqual([
      { type: 'subscribe', topics: [{ event: 'settings.changed' }, { event: 'task.progress', key: 'k' }] },
    ]);
  });

  it('gives keyed frames only to listeners of that key or of the whole event', () => {
    const { es, sockets } = setup();
    const one = vi.fn();
    const all = vi.fn();
    es.subscribe('task.progress', one, 'task-1');
    es.subscribe('task.progress', all);
    sockets[0]?.open();
    const info = (id: string) => sampleTaskInfo(id);
    sockets[0]?.push({ event: 'task.progress', key: 'task-2', payload: info('task-2') });
    sockets[0]?.push({ event: 'task.progress', key: 'task-1', payload: info('task-1') });
    expect(one.mock.calls.map(([p]) => (p as { id: string }).id)).toEqual(['task-1']);
    expect(all.mock.calls.map(([p]) => (p as { id: string }).id)).toEqual(['task-2', 'task-1']);
  });

  it('ignores malformed frames', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { es, sockets } = setup();
    const listener = vi.fn();
    es.subscribe('settings.changed', listener);
    sockets[0]?.push('not json');
    sockets[0]?.push({ event: 'nope', payload: {} });
    sockets[0]?.push({ event: 'settings.changed', payload: { theme: 'purple' } });
    expect(listener).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('reconnects with growing delays and reports the reconnection', () => {
    const { es, sockets, statuses, onReconnected } = setup();
    es.subscribe('settings.changed', () => {});
    sockets[0]?.open();
    sockets[0]?.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]?.drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]?.open();
    expect(statuses.at(-1)).toBe('open');
    expect(onReconnected).toHaveBeenCalledTimes(1);
  });

  it('caps the backoff', () => {
    const { es } = setup();
    expect(es.nextDelay(1)).toBe(500);
    expect(es.nextDelay(4)).toBe(4000);
    expect(es.nextDelay(20)).toBe(15_000);
  });

  it('stops for good when closed', () => {
    const { es, sockets } = setup();
    es.subscribe('settings.changed', () => {});
    es.close();
    expect(sockets[0]?.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
