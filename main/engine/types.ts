import type { EventFrame } from '../contract/http';
import type { Envelope } from '../contract/errors';
import type { Topic } from '../contract/topics';
import type { Clock } from '../core/clock';
import type { SimMarketMode } from '../contract/schemas';
import type { ShellKind } from '../app/handlers';
import type { Broker } from '../brokers/port';
import type { Quote } from '../brokers/types';
import type { Store } from '../store';
import type { TaskRunner } from '../workers/runner';
import type { EngineRegistry } from './tasks';

/** The brokers (and the quotes feed, if any) the engine trades through, handed to it at start. */
export interface TradingSetup {
  brokers: readonly Broker[];
  /** Live quotes for the pages (pushed as 'quote' events to subscribers of the symbol). */
  quotes?: {
    /** The feed these quotes are ('sim' for the simulated market): pages subscribe by feed and symbol. */
    feed: string;
    subscribe(listener: (quote: Quote) => void): () => void;
  };
  /** A simulated market changes its hours at once (the Settings switch). */
  setMarketMode?(mode: SimMarketMode): void;
  close(): Promise<void>;
}

/** Builds the trading setup once the book exists (the simulated market continues from it). */
export type TradingFactory = ((ctx: {
  clock: Clock;
  store: Store;
  runner: TaskRunner<EngineRegistry>;
  log: (line: string) => void;
  /** The hours a simulated market keeps: the command line's for this run, else the Settings value. */
  marketMode: SimMarketMode;
}) => TradingSetup | Promise<TradingSetup>) & {
  /**
   * Set when the market is simulated (its hours are shown on every page from the start), with
   * the hours asked for on the command line for this run, or null to follow Settings.
   */
  simMarket?: { override: SimMarketMode | null };
};

export type { ShellKind };
export type DemoSize = 'default' | 'large';

export interface EngineOptions {
  /** Folder holding keel.sqlite and everything else the engine keeps. */
  dataDir: string;
  shell: ShellKind;
  /** Size of the demo book generated on first start when nothing is configured. */
  demoSize?: DemoSize;
  /** Path of the built worker entry; without it tasks run inline on the calling thread. */
  workerScript?: string;
  /** `workerScript` is JavaScript source, not a path (tests start workers from TypeScript). */
  workerEval?: boolean;
  /** better_sqlite3.node for this runtime when it is not Node's (see OpenOptions.nativeBinding). */
  sqliteBinding?: string;
  version?: string;
  log?: (line: string) => void;
  /** Time for everything the engine times, stamps and schedules (default: the system clock). */
  clock?: Clock;
  /** How long a write keeps retrying while another program holds the database, ms (default 2000). */
  writeLockWaitMs?: number;
  /** Brokers to trade through; without it, trading channels answer 'unavailable'. */
  trading?: TradingFactory;
}

/** A client's view of the event stream: only frames of the topics it subscribed to. */
export interface EventStream {
  /** Adds topics; throws EngineError 'bad_request' past MAX_TOPICS. */
  subscribe(topics: readonly Topic[]): void;
  unsubscribe(topics: readonly Topic[]): void;
  close(): void;
}

/**
 * The engine as both shells see it: one dispatch function for the whole contract, event streams
 * by topic, one close. Transports (IPC, HTTP) stay thin around this.
 */
export interface Engine {
  readonly dataDir: string;
  /**
   * Validates `request` against the channel's schema, runs the handler, wraps the answer.
   * Aborting `signal` (the caller went away) cancels the work it started.
   */
  dispatch(channel: string, request: unknown, options?: { signal?: AbortSignal }): Promise<Envelope<unknown>>;
  /** A stream of pushed events for one client; it starts with no topics. */
  openEvents(send: (frame: EventFrame) => void): EventStream;
  /** Stops background work, lets writes finish, closes the database cleanly. Idempotent. */
  close(): Promise<void>;
}
