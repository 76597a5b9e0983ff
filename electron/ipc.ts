import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames, failure, IPC_EVENT_CHANNEL, type Envelope, type EventFrame } from '../main/contract';
import { type Engine } from '../main/engine/types';
import { isAppUrl } from './app-origin';

/** The one IPC channel pushed events travel on; preload/bridge.ts listens on the same contract constant. */
export const EVENT_CHANNEL = IPC_EVENT_CHANNEL;

/**
 * Serves every contract channel over ipcMain.handle and forwards engine events to the windows.
 * Only frames showing keel://app may call in: if anything else ever loads in a window (an iframe,
 * a page that got past the navigation guard) it gets `unauthorized` and never reaches the engine.
 * Takes the engine or its start-up promise: the window can open (and show its loading state)
 * while a first start generates the demo book; calls made meanwhile wait for the engine.
 * Returns a function that removes everything it installed.
 */
export function registerIpc(engine: Engine | Promise<Engine>): () => void {
  const ready = Promise.resolve(engine);
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, request: unknown) => handle(ready, channel, event, request));
  }
  let disposed = false;
  let unsubscribe = (): void => {};
  ready.then(
    (e) => {
      if (!disposed) unsubscribe = e.onEvent((frame) => broadcast(frame));
    },
    () => {}, // start-up failures are reported by the app's start-up path
  );
  return () => {
    disposed = true;
    unsubscribe();
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

async function handle(
  ready: Promise<Engine>,
  channel: string,
  event: IpcMainInvokeEvent,
  request: unknown,
): Promise<Envelope<unknown>> {
  const frameUrl = event.senderFrame?.url;
  if (!isAppUrl(frameUrl)) {
    return failure('unauthorized', `"${channel}" may only be called by the Keel UI (keel://app).`);
  }
  let engine: Engine;
  try {
    engine = await ready;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure('unavailable', `The Keel engine did not start: ${message}`);
  }
  try {
    return await engine.dispatch(channel, request);
  } catch (error) {
    // dispatch answers errors itself; this only catches a bug, so the UI still gets an envelope
    // instead of Electron's opaque "Error invoking remote method".
    const message = error instanceof Error ? error.message : String(error);
    return failure('internal', `"${channel}" failed unexpectedly: ${message}`);
  }
}

function broadcast(frame: EventFrame): void {
  const message: EventFrame = { event: frame.event, payload: frame.payload };
  for (const window of BrowserWindow.getAllWindows()) {
    const contents = window.webContents;
    if (window.isDestroyed() || contents.isDestroyed()) continue;
    // Same rule as requests: engine data goes only to the app's own pages.
    if (!isAppUrl(contents.getURL())) continue;
    contents.send(EVENT_CHANNEL, message);
  }
}
