import { beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../main/contract';
import {
  createBridge,
  EVENT_CHANNEL as PRELOAD_EVENT_CHANNEL,
  TOPICS_CHANNEL as PRELOAD_TOPICS_CHANNEL,
  type BridgeIpc,
} from '../preload/bridge';
import { EVENT_CHANNEL, registerIpc, TOPICS_CHANNEL } from './ipc';
import { FakeEngine } from './testing/fake-engine';
import { BrowserWindow, fake } from './testing/fake-electron';

let engine: FakeEngine;

beforeEach(() => {
  fake.reset();
  engine = new FakeEngine();
});

describe('registerIpc', () => {
  it('wires every contract channel, and only those, to ipcMain.handle', () => {
    registerIpc(engine);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('passes requests from keel://app to engine.dispatch and returns its envelope', async () => {
    registerIpc(engine);
    for (const channel of channelNames) {
      const answer = await fake.ipcMain.invokeFrom('keel://app/index.html', channel, { probe: channel });
      expect(answer).toEqual({ ok: true, data: { channel, request: { probe: channel } } });
    }
    expect(engine.calls.map((call) => call.channel)).toEqual(channelNames);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a file page', 'file:///tmp/index.html'],
    ['a look-alike host', 'keel://app.evil/index.html'],
    ['a destroyed frame', null],
  ])('answers unauthorized to %s without reaching the engine', async (_name, frameUrl) => {
    registerIpc(engine);
    const answer = await fake.ipcMain.invokeFrom(frameUrl, 'settings.get', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(engine.calls).toEqual([]);
  });

  it('lets calls made while the engine starts wait for it, then answers them', async () => {
    let ready!: (e: FakeEngine) => void;
    registerIpc(new Promise<FakeEngine>((resolve) => (ready = resolve)));
    const answer = fake.ipcMain.invokeFrom('keel://app/index.html', 'app.info', {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.calls).toEqual([]);
    ready(engine);
    expect(await answer).toEqual({ ok: true, data: { channel: 'app.info', request: {} } });
  });

  it('answers unavailable, with the reason, when the engine failed to start', async () => {
    const failed = Promise.reject(new Error('SQLITE_CANTOPEN'));
    registerIpc(failed);
    const answer = await fake.ipcMain.invokeFrom('keel://app/index.html', 'app.info', {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('SQLITE_CANTOPEN') },
    });
  });

  it('turns an engine crash into an internal-error envelope', async () => {
    registerIpc(engine);
    engine.dispatchError = new Error('boom');
    const answer = await fake.ipcMain.invokeFrom('keel://app/index.html', 'app.info', {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: '"app.info" failed unexpectedly: boom' },
    });
  });

  it('sends each window only the topics its page subscribed to', async () => {
    registerIpc(engine);
    const app = new BrowserWindow();
    await app.loadURL('keel://app/index.html');
    const other = new BrowserWindow();
    await other.loadURL('keel://app/index.html');
    fake.ipcRenderer.sender = app.webContents as never;
    fake.ipcRenderer.send(TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'settings.changed' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    engine.emit('settings.changed', { theme: 'light' });
    engine.emit('task.progress', { id: 't' }, 't');
    expect(app.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ event: 'settings.changed', payload: { theme: 'light' } }] },
    ]);
    expect(other.webContents.sent).toEqual([]);
  });

  it('delivers through the preload bridge end to end, one key at a time', async () => {
    registerIpc(engine);
    const app = new BrowserWindow();
    await app.loadURL('keel://app/index.html');
    fake.ipcRenderer.sender = app.webContents as never;
    const bridge = createBridge(fake.ipcRenderer as unknown as BridgeIpc);
    const got: unknown[] = [];
    const off = bridge.subscribe('task.progress', (p) => got.push(p), 'task-2');
    await new Promise((resolve) => setTimeout(resolve, 0));
    engine.emit('task.progress', { id: 'task-1' }, 'task-1');
    engine.emit('task.progress', { id: 'task-2' }, 'task-2');
    expect(got).toEqual([{ id: 'task-2' }]);
    off();
    await new Promise((resolve) => setTimeout(resolve, 0));
    engine.emit('task.progress', { id: 'task-2' }, 'task-2');
    expect(got).toHaveLength(1);
    expect(app.webContents.sent).toHaveLength(1);
  });

  it('ignores topic messages from other pages and malformed ones', async () => {
    registerIpc(engine);
    const win = new BrowserWindow();
    await win.loadURL('https://example.com/');
    fake.ipcRenderer.sender = win.webContents as never;
    fake.ipcRenderer.frameUrl = 'https://example.com/';
    fake.ipcRenderer.send(TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'settings.changed' }] });
    fake.ipcRenderer.frameUrl = 'keel://app/index.html';
    fake.ipcRenderer.send(TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'no.such' }] });
    fake.ipcRenderer.send(TOPICS_CHANNEL, 'subscribe everything');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.streams.size).toBe(0);
  });

  it('forgets a page when its window closes or navigates: calls cancelled, subscriptions dropped', async () => {
    registerIpc(engine);
    const win = new BrowserWindow();
    await win.loadURL('keel://app/index.html');
    fake.ipcRenderer.sender = win.webContents as never;
    fake.ipcRenderer.send(TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'settings.changed' }] });
    let release!: () => void;
    engine.hold = new Promise((resolve) => (release = resolve));
    const pending = fake.ipcMain.invokeFrom('keel://app/index.html', 'portfolio.summary', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.streams.size).toBe(1);
    const signal = engine.calls[0]!.signal!;
    expect(signal.aborted).toBe(false);
    await win.loadURL('keel://app/index.html'); // a reload
    expect(signal.aborted).toBe(true);
    expect(engine.streams.size).toBe(0);
    release();
    await pending;
    // The reloaded page subscribes again; closing the window drops it for good.
    fake.ipcRenderer.send(TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'settings.changed' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.streams.size).toBe(1);
    win.close();
    expect(engine.streams.size).toBe(0);
    engine.emit('settings.changed', { theme: 'dark' });
  });

  it('uses the same event and topics channels as the preload', () => {
    expect(EVENT_CHANNEL).toBe(PRELOAD_EVENT_CHANNEL);
    expect(TOPICS_CHANNEL).toBe(PRELOAD_TOPICS_CHANNEL);
  });

  it('dispose removes the handlers, the topics listener and every event stream', async () => {
    const dispose = registerIpc(engine);
    fake.ipcRenderer.send(TOPICS_CHANNEL, { type: 'subscribe', topics: [{ event: 'settings.changed' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.streams.size).toBe(1);
    dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.ipcMain.listenerCount(TOPICS_CHANNEL)).toBe(0);
    expect(engine.streams.size).toBe(0);
    // Registering again works, which a leftover handler would make throw.
    expect(() => registerIpc(engine)).not.toThrow();
  });
});
