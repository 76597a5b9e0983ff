import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  channelNames,
  failure,
  IPC_EVENT_CHANNEL,
  IPC_TOPICS_CHANNEL,
  TopicMessage,
  type Envelope,
} from '../main/contract';
import { type Engine, type EventStream } from '../main/engine/types';
import { isAppUrl } from './app-origin';

/** The one IPC channel pushed events travel on; preload/bridge.ts listens on the same contract constant. */
export const EVENT_CHANNEL = IPC_EVENT_CHANNEL;
export const TOPICS_CHANNEL = IPC_TOPICS_CHANNEL;

/** What the shell keeps per window's page: its event stream and its calls in flight. */
interface PageState {
  stream: EventStream | null;
  calls: AbortController;
}

/**
 * Serves every contract channel over ipcMain.handle, and each window's event stream by the
 * topics its page subscribes to. Only frames showing keel://app may call in or subscribe: if
 * anything else ever loads in a window it gets `unauthorized` and never reaches the engine.
 * When a page goes away (window closed, reload, navigation) its calls are cancelled and its
 * subscriptions dropped. Takes the engine or its start-up promise: the window can open (and show
 * its loading state) while a first start generates the demo book; calls made meanwhile wait.
 * Returns a function that removes everything it installed.
 */
export function registerIpc(engine: Engine | Promise<Engine>): () => void {
  const ready = Promise.resolve(engine);
  ready.catch(() => {}); // start-up failures are reported by the app's start-up path
  const pages = new Map<WebContents, PageState>();
  let disposed = false;

  const pageOf = (contents: WebContents): PageState => {
    let page = pages.get(contents);
    if (page) return page;
    page = { stream: null, calls: new AbortController() };
    pages.set(contents, page);
    const forget = () => {
      const gone = pages.get(contents);
      if (!gone) return;
      pages.delete(contents);
      gone.calls.abort();
      gone.stream?.close();
      contents.off('did-navigate', forget);
      contents.off('destroyed', forget);
    };
    // A reload or navigation starts a new page: it subscribes again from nothing.
    contents.on('did-navigate', forget);
    contents.on('destroyed', forget);
    return page;
  };

  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, request: unknown) => handle(ready, pageOf, channel, event, request));
  }

  const onTopics = (event: IpcMainEvent, message: unknown): void => {
    if (disposed || !isAppUrl(event.senderFrame?.url)) return;
    const parsed = TopicMessage.safeParse(message);
    if (!parsed.success) return;
    const contents = event.sender;
    void ready.then(
      (e) => {
        if (disposed || contents.isDestroyed()) return;
        const page = pageOf(contents);
        page.stream ??= e.openEvents((frame) => {
          // Same rule as requests: engine data goes only to the app's own pages.
          if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
          contents.send(EVENT_CHANNEL, frame);
        });
        try {
          if (parsed.data.type === 'subscribe') page.stream.subscribe(parsed.data.topics);
          else page.stream.unsubscribe(parsed.data.topics);
        } catch (error) {
          console.error('Keel: a window asked for too many event topics:', error);
        }
      },
      () => {},
    );
  };
  ipcMain.on(TOPICS_CHANNEL, onTopics);

  return () => {
    disposed = true;
    ipcMain.off(TOPICS_CHANNEL, onTopics);
    for (const channel of channelNames) ipcMain.removeHandler(channel);
    for (const page of pages.values()) {
      page.calls.abort();
      page.stream?.close();
    }
    pages.clear();
  };
}

async function handle(
  ready: Promise<Engine>,
  pageOf: (contents: WebContents) => PageState,
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
    const signal = event.sender ? pageOf(event.sender).calls.signal : undefined;
    return await engine.dispatch(channel, request, signal ? { signal } : {});
  } catch (error) {
    // dispatch answers errors itself; this only catches a bug, so the UI still gets an envelope
    // instead of Electron's opaque "Error invoking remote method".
    const message = error instanceof Error ? error.message : String(error);
    return failure('internal', `"${channel}" failed unexpectedly: ${message}`);
  }
}
