import type { EventFrame } from '../contract/http';
import type { Envelope } from '../contract/errors';

export type ShellKind = 'desktop' | 'headless';
export type DemoSize = 'default' | 'large';

export interface EngineOptions {
  /** Folder holding keel.sqlite and everything else the engine keeps. */
  dataDir: string;
  shell: ShellKind;
  /** Size of the demo book generated on first start when nothing is configured. */
  demoSize?: DemoSize;
  /** Path of the built worker entry; without it heavy tasks run inline. */
  workerScript?: string;
  /** better_sqlite3.node for this runtime when it is not Node's (see OpenOptions.nativeBinding). */
  sqliteBinding?: string;
  version?: string;
  log?: (line: string) => void;
}

/**
 * The engine as both shells see it: one dispatch function for the whole contract, one stream
 * of pushed events, one close. Transports (IPC, HTTP) stay thin around this.
 */
export interface Engine {
  readonly dataDir: string;
  /** Validates `request` against the channel's schema, runs the handler, wraps the answer. */
  dispatch(channel: string, request: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every pushed event; returns the unsubscribe function. */
  onEvent(listener: (frame: EventFrame) => void): () => void;
  /** Stops background work and closes the database cleanly. Idempotent. */
  close(): Promise<void>;
}
