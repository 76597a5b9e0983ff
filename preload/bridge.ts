import { type IpcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope, EventFrame, Transport } from '../main/contract';
// Zod-free modules only: keeps the sandboxed preload a small self-contained file.
import { failure } from '../main/contract/envelope';
import { IPC_EVENT_CHANNEL, isChannelName, isEventName, type EventName } from '../main/contract/names';

export const EVENT_CHANNEL = IPC_EVENT_CHANNEL;

/** The part of ipcRenderer the bridge uses, so tests can pass a stand-in. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The renderer's only door to the engine (exposed as `window.keel`). It forwards contract channels
 * and events and nothing else: no raw ipcRenderer, no arbitrary channel names, and listeners get
 * the payload alone, never the IpcRendererEvent (which would hand the page `sender`).
 */
export function createBridge(ipc: BridgeIpc): Transport {
  return Object.freeze({
    invoke(channel: string, request: unknown): Promise<Envelope<unknown>> {
      if (!isChannelName(channel)) {
        return Promise.resolve(failure('unknown_channel', `"${String(channel)}" is not a Keel channel.`));
      }
      return ipc.invoke(channel, request) as Promise<Envelope<unknown>>;
    },

    subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
      if (!isEventName(event)) throw new Error(`"${String(event)}" is not a Keel event.`);
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
      const onFrame = (_ipcEvent: IpcRendererEvent, frame: EventFrame): void => {
        if (frame?.event === event) listener(frame.payload);
      };
      ipc.on(EVENT_CHANNEL, onFrame);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        ipc.removeListener(EVENT_CHANNEL, onFrame);
      };
    },
  });
}
