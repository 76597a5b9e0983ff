/**
 * The simulated venue's state: orders, executions, holdings and cash. Plain data, so it can be
 * saved after every change and restored after a restart (a venue does not forget open orders
 * because Keel was closed). The SimBroker (broker.ts) is the only writer.
 */
import type { BrokerFill, BrokerOrder, Micros } from '../types';
import type { Holding } from '../../domain/holdings';
import type { LegRole } from './classes';
import type { Working } from './matching';

export interface VenueOrder {
  order: BrokerOrder;
  /** Matching state for open orders (null while held). */
  working: Working | null;
  /** Bracket, OTO and OCO orders: the part this one plays, and its class's first order id. */
  role?: LegRole;
  group?: string;
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

/** What changed since the last commit: the rows to upsert and the fills to append. */
export interface VenueChanges {
  /** Index of the first of `fills` in the venue's execution list. */
  fillsFrom: number;
  cash: Micros;
  nextOrder: number;
  nextExecution: number;
  orders: VenueOrder[];
  fills: BrokerFill[];
  holdings: Holding[];
}

/**
 * Where a venue keeps its state between runs. Commits are incremental (a fill appends a row,
 * it does not rewrite the venue) and atomic: a commit is all there or not at all.
 */
export interface VenueStore {
  load(): VenueState | null;
  /** Saves the changes; the venue answers an order only once this has settled. */
  commit(changes: VenueChanges): void | Promise<void>;
}

/** Keeps the state in memory only (tests, and the demo generator's throwaway venue). */
export class MemoryVenueStore implements VenueStore {
  private state: VenueState | null = null;
  load(): VenueState | null {
    return this.state === null ? null : parseVenue(stringifyVenue(this.state));
  }
  commit(changes: VenueChanges): void {
    const s = this.state ?? emptyVenue(changes.cash);
    const copy = parseVenue(
      stringifyVenue({ ...s, orders: changes.orders, fills: changes.fills, holdings: changes.holdings }),
    );
    s.cash = changes.cash;
    s.nextOrder = changes.nextOrder;
    s.nextExecution = changes.nextExecution;
    for (const o of copy.orders) {
      const i = s.orders.findIndex((x) => x.order.brokerOrderId === o.order.brokerOrderId);
      if (i >= 0) s.orders[i] = o;
      else s.orders.push(o);
    }
    s.fills.push(...copy.fills);
    for (const h of copy.holdings) {
      const i = s.holdings.findIndex((x) => x.symbol === h.symbol);
      if (i >= 0) s.holdings[i] = h;
      else s.holdings.push(h);
    }
    this.state = s;
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
