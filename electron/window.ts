import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import path from 'node:path';
import { APP_ENTRY_URL } from './app-origin';

/** The dark theme's --bg (renderer/styles/theme.css): no white flash while the bundle loads. */
export const WINDOW_BACKGROUND = '#0b0e13';

/**
 * The renderer is untrusted: isolated from the preload, sandboxed, no Node. These are Electron's
 * defaults today and are spelled out so a future default change or a careless edit cannot loosen them.
 */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** `mainDir` is the folder of the built main bundle (out/main); the preload sits in out/preload. */
export function createMainWindow(mainDir: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Keel',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: secureWebPreferences(path.join(mainDir, '../preload/index.js')),
  });
  // Shown once painted, so the user never sees an empty frame.
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Loads the UI. Kept apart from creation so callers can attach handlers first. */
export function loadApp(window: BrowserWindow): Promise<void> {
  return window.loadURL(APP_ENTRY_URL);
}

/** Brings a window to the front, restoring it if minimised (second launch, tray click). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
