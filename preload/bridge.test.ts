import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames, type ChannelName, type EventName } from '../main/contract';
import { fake, ipcRenderer } from '../electron/testing/fake-electron';
import { createBridge, EVENT_CHANNEL, type BridgeIpc } from './bridge';

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
    ipcRenderer.deliver(EVENT_CHANNEL, [{ event: 'portfolio.changed', payload: { accountId: 'a' } }]);
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

  it('exposes window.keel with invoke and subscribe only', async () => {
    await import('./index');
    const exposed = fake.exposed.get('keel') as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(exposed)).not.toContain(ipcRenderer);
  });
});
