import { beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../main/contract';
import { EVENT_CHANNEL as PRELOAD_EVENT_CHANNEL } from '../preload/bridge';
import { EVENT_CHANNEL, registerIpc } from './ipc';
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

  it('pushes engine events to app windows as {event, payload} on one channel', async () => {
    registerIpc(engine);
    const app = new BrowserWindow();
    await app.loadURL('keel://app/index.html');
    const stranger = new BrowserWindow();
    await stranger.loadURL('https://example.com/');
    engine.emit('settings.changed', { theme: 'light' });
    expect(app.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ event: 'settings.changed', payload: { theme: 'light' } }] },
    ]);
    expect(stranger.webContents.sent).toEqual([]);
  });

  it('uses the same event channel as the preload', () => {
    expect(EVENT_CHANNEL).toBe(PRELOAD_EVENT_CHANNEL);
  });

  it('dispose removes the handlers and the event subscription', () => {
    const dispose = registerIpc(engine);
    dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(engine.listeners.size).toBe(0);
    // Registering again works, which a leftover handler would make throw.
    expect(() => registerIpc(engine)).not.toThrow();
  });
});
