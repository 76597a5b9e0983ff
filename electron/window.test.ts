import { beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fake } from './testing/fake-electron';
import { createMainWindow, loadApp, revealWindow, WINDOW_BACKGROUND } from './window';

beforeEach(() => fake.reset());

describe('createMainWindow', () => {
  it('creates the window with exactly the required security settings', () => {
    createMainWindow('/app/out/main');
    const [window] = fake.windows;
    expect(window?.options.webPreferences).toEqual({
      preload: path.join('/app/out/main', '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(path.normalize(String((window?.options.webPreferences as { preload: string }).preload))).toBe(
      path.normalize('/app/out/preload/index.js'),
    );
  });

  it('stays hidden until ready-to-show, on the theme background', () => {
    createMainWindow('/app/out/main');
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({ show: false, backgroundColor: WINDOW_BACKGROUND });
    expect(window?.isVisible()).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.isVisible()).toBe(true);
  });

  it('loads the UI from keel://app, never file://', async () => {
    const window = createMainWindow('/app/out/main');
    await loadApp(window);
    expect(window.webContents.getURL()).toBe('keel://app/index.html');
  });

  it('brings a minimised window back to the front', () => {
    const window = createMainWindow('/app/out/main');
    window.minimize();
    revealWindow(window);
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
  });
});
