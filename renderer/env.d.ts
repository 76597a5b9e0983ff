import type { Transport } from '../main/contract';

declare global {
  interface Window {
    /** The Electron preload bridge; absent when the UI is served headless by `keel serve`. */
    keel?: Transport;
  }
}

export {};
