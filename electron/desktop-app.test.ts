import { beforeEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { channelNames } from '../main/contract';
import { runDesktopApp } from './desktop-app';
import { fakeStartEngine } from './testing/fake-engine';
import { BrowserWindow, fake } from './testing/fake-electron';

const mainDir = path.resolve(__dirname, '../out/main');
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  fake.reset();
  vi.restoreAllMocks();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

async function launch(argv: string[] = ['.'], startEngine = fakeStartEngine()) {
  runDesktopApp({ startEngine: startEngine.startEngine, mainDir, argv });
  fake.app.becomeReady();
  await settle();
  return startEngine;
}

describe('desktop app', () => {
  it('prepares the scheme and the sandbox before ready', () => {
    const { started, startEngine } = fakeStartEngine();
    runDesktopApp({ startEngine, mainDir, argv: ['.'] });
    expect(fake.app.getName()).toBe('Keel');
    expect(fake.protocol.privileged.map((entry) => entry.scheme)).toEqual(['keel']);
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(started).toEqual([]);
  });

  it('starts the engine in userData, then opens the UI on keel://app', async () => {
    const { started } = await launch();
    expect(started).toEqual([
      {
        dataDir: fake.app.getPath('userData'),
        shell: 'desktop',
        workerScript: path.join(mainDir, 'worker.js'),
        version: '0.1.0-test',
        log: expect.any(Function),
      },
    ]);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.webContents.getURL()).toBe('keel://app/index.html');
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(fake.protocol.isProtocolHandled('keel')).toBe(true);
    expect(fake.session.webRequest.headersListener).not.toBeNull();
    expect(fake.session.permissionRequestHandler).not.toBeNull();
    expect(fake.applicationMenu).not.toBeNull();
    expect(fake.trays[0]?.toolTip).toBe('Keel');
  });

  it('uses --data-dir instead of userData, and keys the instance lock on it', async () => {
    const { started } = await launch(['.', '--data-dir', '/tmp/keel-other']);
    expect(started[0]?.dataDir).toBe(path.resolve('/tmp/keel-other'));
    expect(fake.app.getPath('userData')).toBe(path.resolve('/tmp/keel-other'));
  });

  it('a second instance quits at once, and the first comes to the front', async () => {
    await launch();
    const window = fake.windows[0] as BrowserWindow;
    window.minimize();
    fake.app.emit('second-instance');
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);

    fake.reset();
    fake.app.singleInstanceLock = false;
    const second = fakeStartEngine();
    runDesktopApp({ startEngine: second.startEngine, mainDir, argv: ['.'] });
    fake.app.becomeReady();
    await settle();
    expect(fake.app.quitted).toBe(true);
    expect(second.started).toEqual([]);
  });

  it('closes the engine before quitting, once', async () => {
    const { engine } = await launch();
    fake.app.quit();
    expect(fake.app.quitted).toBe(false);
    fake.app.quit(); // a second Cmd+Q while closing must not close twice
    await settle();
    expect(engine.closeCount).toBe(1);
    expect(fake.app.quitted).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.trays[0]?.destroyed).toBe(true);
  });

  it('explains an engine failure and exits', async () => {
    const failing = fakeStartEngine();
    failing.startEngine = async () => {
      throw new Error('SQLITE_CANTOPEN: unable to open database file');
    };
    await launch(['.', '--data-dir', '/tmp/keel-locked'], failing);
    expect(fake.errorBoxes).toHaveLength(1);
    const [box] = fake.errorBoxes;
    expect(box?.title).toBe('Keel could not start');
    expect(box?.content).toContain(path.resolve('/tmp/keel-locked'));
    expect(box?.content).toContain('SQLITE_CANTOPEN');
    expect(box?.content).toContain('--data-dir');
    expect(fake.app.exitCode).toBe(1);
    // The window opened while the engine started; it is destroyed (and so listed no more).
    expect(fake.windows).toEqual([]);
  });

  it('opens the window while the engine is still starting, and answers its calls once ready', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = fakeStartEngine();
    const start = slow.startEngine;
    slow.startEngine = async (options) => {
      await gate;
      return start(options);
    };
    const launched = launch(['.'], slow);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.windows).toHaveLength(1);
    release();
    await launched;
    expect(fake.errorBoxes).toEqual([]);
  });

  it('explains a window that cannot load, and closes the engine', async () => {
    BrowserWindow.failNextLoad = new Error('ERR_FILE_NOT_FOUND (-6) loading keel://app/index.html');
    const { engine } = await launch();
    expect(fake.errorBoxes[0]?.content).toMatch(
      /Loading the Keel window failed: ERR_FILE_NOT_FOUND[\s\S]*npm run build/,
    );
    expect(engine.closeCount).toBe(1);
    expect(fake.app.exitCode).toBe(1);
  });

  it('rejects --data-dir without a folder before touching anything', () => {
    const { started, startEngine } = fakeStartEngine();
    runDesktopApp({ startEngine, mainDir, argv: ['.', '--data-dir'] });
    expect(fake.errorBoxes[0]?.content).toMatch(/--data-dir needs a folder/);
    expect(fake.app.exitCode).toBe(2);
    expect(started).toEqual([]);
  });
});
