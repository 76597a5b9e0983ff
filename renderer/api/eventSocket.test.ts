import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventSocket, type SocketLike, type SocketStatus } from './eventSocket';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  open() {
    this.onopen?.(new Event('open'));
  }
  send(frame: unknown) {
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
    es.subscribe('portfolio.changed', () => {});
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe('ws://host/api/events');
    expect(sockets[0]?.protocols).toEqual(['keel.v1', 'keel.token.abc']);
  });

  it('delivers valid frames to the listeners of that event only', () => {
    const { es, sockets } = setup();
    const settings = vi.fn();
    const portfolio = vi.fn();
    es.subscribe('settings.changed', settings);
    const off = es.subscribe('portfolio.changed', portfolio);
    sockets[0]?.open();
    sockets[0]?.send({ event: 'settings.changed', payload: { theme: 'light' } });
    expect(settings).toHaveBeenCalledWith({ theme: 'light' });
    expect(portfolio).not.toHaveBeenCalled();
    off();
    sockets[0]?.send({ event: 'portfolio.changed', payload: { accountId: 'a1' } });
    expect(portfolio).not.toHaveBeenCalled();
  });

  it('ignores malformed frames', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { es, sockets } = setup();
    const listener = vi.fn();
    es.subscribe('settings.changed', listener);
    sockets[0]?.send('not json');
    sockets[0]?.send({ event: 'nope', payload: {} });
    sockets[0]?.send({ event: 'settings.changed', payload: { theme: 'purple' } });
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
