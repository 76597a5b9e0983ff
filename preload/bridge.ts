import { type IpcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope, EventFrame, Transport } from '../main/contract';
// Zod-free modules only: keeps the sandboxed preload a small self-contained file.
import { failure } from '../main/contract/envelope';
import {
  IPC_EVENT_CHANNEL,
  IPC_TOPICS_CHANNEL,
  isChannelName,
  isEventName,
  type EventName,
} from '../main/contract/names';

export const EVENT_CHANNEL = IPC_EVENT_CHANNEL;
export const TOPICS_CHANNEL = IPC_TOPICS_CHANNEL;

/** The part of ipcRenderer the bridge uses, so tests can pass a stand-in. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>;

/**
 * The renderer's only door to the engine (exposed as `window.keel`). It forwards contract channels
 * and events and nothing else: no raw ipcRenderer, no arbitrary channel names, and listeners get
 * the payload alone, never the IpcRendererEvent (which would hand the page `sender`). The engine
 * sends a window only the topics it subscribed to: the first listener of a topic subscribes, the
 * last one to leave unsubscribes.
 */
export function createBridge(ipc: BridgeIpc): Transport {
  const listeners = new Map<string, number>();
  const topicMessage = (type: 'subscribe' | 'unsubscribe', event: EventName, key: string | undefined) => ({
    type,
    topics: [key === undefined ? { event } : { event, key }],
  });
  return Object.freeze({
    invoke(channel: string, request: unknown): Promise<Envelope<unknown>> {
      if (!isChannelName(channel)) {
        return Promise.resolve(failure('unknown_channel', `"${String(channel)}" is not a Keel channel.`));
      }
      return ipc.invoke(channel, request) as Promise<Envelope<unknown>>;
    },
    subscribe(event: EventName, listener: (payload: unknown) => void, key?: string): () => void {
      if (!isEventName(event)) throw new Error(`"${String(event)}" is not a Keel event.`);
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
      if (key !== undefined && (typeof key !== 'string' || key === ''))
        throw new TypeError('A topic key must be a non-empty string.');
      const onFrame = (_ipcEvent: IpcRendererEvent, frame: EventFrame): void => {
        if (frame?.event === event && (key === undefined || frame.key === key)) listener(frame.payload);
      };
      ipc.on(EVENT_CHANNEL, onFrame);
      const topic = key === undefined ? event : `${event}\u0000${key}`;
      const count = listeners.get(topic) ?? 0;
      listeners.set(topic, count + 1);
      if (count === 0) ipc.send(TOPICS_CHANNEL, topicMessage('subscribe', event, key));
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        ipc.removeListener(EVENT_CHANNEL, onFrame);
        const left = (listeners.get(topic) ?? 1) - 1;
        if (left > 0) listeners.set(topic, left);
        else {
          listeners.delete(topic);
          ipc.send(TOPICS_CHANNEL, topicMessage('unsubscribe', event, key));
        }
      };
    },
  });
}
