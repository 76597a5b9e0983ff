/**
 * The simulated venue's state: orders, executions, holdings and cash. Plain data, so it can be
 * saved after every change and restored after a restart (a venue does not forget open orders
 * because Keel was closed). The SimBroker (broker.ts) is the only writer.
 */
import type { BrokerFill, BrokerOrder, Micros } from '../types';
import type { Holding } from './accounting';
import type { Working } from './matching';

export interface VenueOrder {
  order: BrokerOrder;
  /** Matching state for open orders. */
  working: Working | null;
}

export interface VenueState {
  cash: Micros;
  orders: VenueOrder[];
  fills: BrokerFill[];
  holdings: Holding[];
  /** Counters for venue ids: orders and executions. */
  nextOrder: number;
  nextExecution: number;
}

export function emptyVenue(cash: Micros): VenueState {
  return { cash, orders: [], fills: [], holdings: [], nextOrder: 1, nextExecution: 1 };
}

/** Where a venue keeps its state between runs. */
export interface VenueStore {
  load(): VenueState | null;
  save(state: VenueState): void;
}

/** Keeps the state in memory only (tests; a venue whose restart is simulated by sharing it). */
export class MemoryVenueStore implements VenueStore {
  private saved: string | null = null;
  load(): VenueState | null {
    return this.saved === null ? null : (parseVenue(this.saved) as VenueState);
  }
  save(state: VenueState): void {
    this.saved = stringifyVenue(state);
  }
}

/** JSON with bigints as {"$n":"123"}: exact, and nothing else in the state looks like that. */
export function stringifyVenue(state: VenueState): string {
  return JSON.stringify(state, (_k, v: unknown) => (typeof v === 'bigint' ? { $n: v.toString() } : v));
}

export function parseVenue(text: string): VenueState {
  return JSON.parse(text, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && '$n' in v && Object.keys(v).length === 1
      ? BigInt((v as { $n: string }).$n)
      : v,
  ) as VenueState;
}
