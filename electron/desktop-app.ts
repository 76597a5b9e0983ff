import { app, session, type BrowserWindow } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { type Engine, type EngineOptions, type TradingFactory } from '../main/engine/types';
import { parseDataDirArg } from './args';
import { installContentSecurityPolicy } from './csp';
import { registerIpc } from './ipc';
import { installApplicationMenu } from './menu';
import { installNavigationGuards } from './navigation';
import { installAppProtocol, registerAppScheme } from './protocol';
import { showStartupError, step } from './startup-error';
import { createTray } from './tray';
import { createMainWindow, loadApp, revealWindow } from './window';

export interface DesktopAppOptions {
  startEngine: (options: EngineOptions) => Promise<Engine>;
  /** Folder of the built main bundle (out/main): the worker, preload and renderer sit relative to it. */
  mainDir: string;
  argv: readonly string[];
  /** The brokers the engine trades through (the simulated one by default). */
  trading?: TradingFactory;
}

/** A hung engine must not keep the app from quitting forever. */
const ENGINE_CLOSE_TIMEOUT_MS = 10_000;

/**
 * The desktop shell's lifecycle: one instance, engine up before the window, engine closed before
 * the process exits. Everything Electron-specific stays here; the engine never sees Electron.
 */
export function runDesktopApp({ startEngine, mainDir, argv, trading }: DesktopAppOptions): void {
  app.setName('Keel');
  // Both must happen before 'ready'.
  registerAppScheme();
  app.enableSandbox();

  let dataDirArg: string | undefined;
  try {
    dataDirArg = parseDataDirArg(argv);
  } catch (error) {
    showStartupError(error);
    app.exit(2);
    return;
  }
  // userData is also what the single-instance lock keys on, so each data folder gets one instance.
  if (dataDirArg) app.setPath('userData', dataDirArg);

  if (!app.requestSingleInstanceLock()) {
    // The running instance gets 'second-instance' and comes to the front.
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId('app.keel.workstation');

  let engine: Engine | null = null;
  // Kept so a quit that arrives while the engine is still starting waits for it and closes it.
  let engineStarting: Promise<Engine> | null = null;
  let window: BrowserWindow | null = null;
  const disposers: Array<() => void> = [];

  const showWindow = (): void => {
    if (window) revealWindow(window);
    else if (app.isReady() && engine) {
      openWindow().catch((error: unknown) => console.error('Keel: could not open the window:', error));
    }
  };

  const openWindow = async (): Promise<void> => {
    const created = createMainWindow(mainDir);
    window = created;
    created.on('closed', () => {
      if (window === created) window = null;
    });
    created.webContents.on('render-process-gone', (_event, details) => {
      console.error(
        `Keel: the window's renderer stopped (${details.reason}, exit code ${details.exitCode}).`,
      );
    });
    await loadApp(created);
  };

  const start = async (): Promise<void> => {
    const dataDir = app.getPath('userData');
    installNavigationGuards(session.defaultSession);
    installContentSecurityPolicy(session.defaultSession);
    installAppProtocol(path.join(mainDir, '../renderer'));
    engineStarting = step(
      `Starting the engine with data folder ${dataDir} failed`,
      'Check that this folder exists, is writable and is not used by another Keel, then start Keel again. ' +
        'To use another folder, start Keel with --data-dir <folder>.',
      () =>
        startEngine({
          dataDir,
          shell: 'desktop',
          workerScript: path.join(mainDir, 'worker.js'),
          sqliteBinding: devSqliteBinding(),
          ...(trading ? { trading } : {}),
          version: app.getVersion(),
          log: (line) => console.log(line),
        }),
    );
    // The window opens at once and shows its loading state; its calls wait for the engine, which
    // on a first start is still generating the demo book (seconds).
    disposers.push(registerIpc(engineStarting));
    const windowOpening = step(
      'Loading the Keel window failed',
      'The app files look incomplete. Reinstall Keel, or in a source checkout run `npm run build` and try again.',
      openWindow,
    );
    windowOpening.catch(() => {}); // awaited below; an engine failure must not leave it unhandled
    engine = await engineStarting;
    installApplicationMenu({ platform: process.platform, packaged: app.isPackaged, dataDir });
    const tray = createTray(trayIconPath(), { show: showWindow, quit: () => app.quit() });
    if (tray) disposers.push(() => tray.destroy());
    await windowOpening;
  };

  const stop = async (): Promise<void> => {
    for (const dispose of disposers.splice(0).reverse()) dispose();
    const running = engine ?? (await engineStarting?.catch(() => null)) ?? null;
    engine = null;
    engineStarting = null;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(
          `Keel: the engine did not close within ${ENGINE_CLOSE_TIMEOUT_MS / 1000} s; quitting anyway.`,
        );
        resolve();
      }, ENGINE_CLOSE_TIMEOUT_MS);
    });
    try {
      await Promise.race([running.close(), timeout]);
    } catch (error) {
      console.error('Keel: closing the engine failed:', error);
    } finally {
      clearTimeout(timer);
    }
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // macOS apps stay open without windows; elsewhere closing the last window quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Hold the quit once, close the engine (database, workers), then quit for real.
  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      // The window may already be open (it opens while the engine starts): no half-loaded window
      // behind the error dialog.
      if (window && !window.isDestroyed()) window.destroy();
      showStartupError(error);
      await stop();
      app.exit(1);
    });
}

/**
 * From a source checkout, better-sqlite3 in node_modules is built for Node (the CLI and tests use
 * it); `npm start` puts an Electron build in out/native/ (scripts/electron-sqlite.cjs). Packaged
 * apps need none: electron-builder rebuilds the module for Electron.
 */
function devSqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(app.getAppPath(), 'out', 'native', electronSqliteFileName());
  return fs.existsSync(file) ? file : undefined;
}

/** Same name scripts/electron-sqlite.cjs writes. */
export function electronSqliteFileName(
  electronVersion = process.versions.electron ?? 'unknown',
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return `better_sqlite3-electron-${electronVersion}-${platform}-${arch}.node`;
}

/** resources/ ships beside the asar in packages (electron-builder extraResources); the repo in dev. */
function trayIconPath(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'tray.png')
    : path.join(app.getAppPath(), 'resources', 'tray.png');
}
