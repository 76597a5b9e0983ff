import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames, type ChannelName, type EventName } from '../main/contract';
import { fake, ipcRenderer } from '../electron/testing/fake-electron';
import { createBridge, EVENT_CHANNEL, TOPICS_CHANNEL, type BridgeIpc } from './bridge';

beforeEach(() => fake.reset());

/** Records what the bridge asks of ipcRenderer. */
function recordingIpc() {
  const invoked: unknown[][] = [];
  const ipc = {
    invoked,
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, data: null };
    },
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
  };
  return ipc;
}

describe('preload bridge', () => {
  it('forwards every contract channel to ipcRenderer.invoke', async () => {
    const ipc = recordingIpc();
    const bridge = createBridge(ipc as unknown as BridgeIpc);
    for (const channel of channelNames) await bridge.invoke(channel, { x: 1 });
    expect(ipc.invoked).toEqual(channelNames.map((channel) => [channel, { x: 1 }]));
  });

  it.each(['keel:event', 'ELECTRON_BROWSER_WINDOW_CLOSE', 'constructor', '__proto__', ''])(
    'refuses the non-contract channel %j',
    async (channel) => {
      const ipc = recordingIpc();
      const answer = await createBridge(ipc as unknown as BridgeIpc).invoke(channel as ChannelName, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      expect(ipc.invoked).toEqual([]);
    },
  );

  it('refuses unknown events', () => {
    const ipc = recordingIpc();
    expect(() => createBridge(ipc as unknown as BridgeIpc).subscribe('nope' as EventName, () => {})).toThrow(
      /not a Keel event/,
    );
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('delivers only the payload of the subscribed event, never the IpcRendererEvent', () => {
    const bridge = createBridge(ipcRenderer as unknown as BridgeIpc);
    const received: unknown[][] = [];
    bridge.subscribe('settings.changed', (...args: unknown[]) => received.push(args));
    ipcRenderer.deliver(EVENT_CHANNEL, [{ event: 'task.progress', key: 'a', payload: { id: 'a' } }]);
    ipcRenderer.deliver(EVENT_CHANNEL, [{ event: 'settings.changed', payload: { theme: 'dark' } }]);
    expect(received).toEqual([[{ theme: 'dark' }]]);
  });

  it('unsubscribe stops delivery and removes the IPC listener', () => {
    const bridge = createBridge(ipcRenderer as unknown as BridgeIpc);
    const listener = vi.fn();
    const unsubscribe = bridge.subscribe(eventNames[0] as EventName, listener);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(1);
    unsubscribe();
    unsubscribe();
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
    ipcRenderer.deliver(EVENT_CHANNEL, [{ event: eventNames[0], payload: {} }]);
    expect(listener).not.toHaveBeenCalled();
  });

  it('subscribes a topic with its first listener and unsubscribes it with its last', () => {
    const ipc = recordingIpc();
    const bridge = createBridge(ipc as unknown as BridgeIpc);
    const a = bridge.subscribe('settings.changed', () => {});
    const b = bridge.subscribe('settings.changed', () => {});
    const k = bridge.subscribe('task.progress', () => {}, 'task-1');
    expect(ipc.send.mock.calls).toEqual([
      [TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'settings.changed' }] }],
      [TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'task.progress', key: 'task-1' }] }],
    ]);
    a();
    a();
    expect(ipc.send).toHaveBeenCalledTimes(2);
    b();
    k();
    expect(ipc.send.mock.calls.slice(2)).toEqual([
      [TOPICS_CHANNEL, { type: 'unsubscribe', topics: [{ event: 'settings.changed' }] }],
      [TOPICS_CHANNEL, { type: 'unsubscribe', topics: [{ event: 'task.progress', key: 'task-1' }] }],
    ]);
  });

  it('delivers keyed frames only to listeners of that key (or of the whole event)', () => {
    const bridge = createBridge(ipcRenderer as unknown as BridgeIpc);
    const one: unknown[] = [];
    const all: unknown[] = [];
    bridge.subscribe('task.progress', (p) => one.push(p), 'task-1');
    bridge.subscribe('task.progress', (p) => all.push(p));
    ipcRenderer.deliver(EVENT_CHANNEL, [{ event: 'task.progress', key: 'task-2', payload: 2 }]);
    ipcRenderer.deliver(EVENT_CHANNEL, [{ event: 'task.progress', key: 'task-1', payload: 1 }]);
    expect(one).toEqual([1]);
    expect(all).toEqual([2, 1]);
  });

  it('refuses a listener that is not a function and a key that is not a non-empty string', () => {
    const ipc = recordingIpc();
    const bridge = createBridge(ipc as unknown as BridgeIpc);
    expect(() => bridge.subscribe('settings.changed', 'x' as never)).toThrow(/listener function/);
    expect(() => bridge.subscribe('task.progress', () => {}, '')).toThrow(/non-empty string/);
    expect(() => bridge.subscribe('task.progress', () => {}, 5 as never)).toThrow(/non-empty string/);
    expect(ipc.send).not.toHaveBeenCalled();
  });

  it('exposes window.keel with invoke and subscribe only', async () => {
    await import('./index');
    const exposed = fake.exposed.get('keel') as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(exposed)).not.toContain(ipcRenderer);
  });
});
