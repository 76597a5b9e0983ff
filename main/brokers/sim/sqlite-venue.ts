/**
 * The simulated venue's state in SQLite (migration 007's sim_venue tables): read once at start on
 * the engine's read-only connection, changed by the 'sim.venue.commit' write task on the writer,
 * in the order the venue made the changes (the write lane is first in, first out).
 */
import type { Store } from '../../store';
import type { Db } from '../../store/db';
import type { TaskRunner } from '../../workers/runner';
import { writeTask } from '../../workers/task';
import { isOpenStatus } from '../types';
import {
  parseVenue,
  stringifyVenue,
  type VenueChanges,
  type VenueOrder,
  type VenueState,
  type VenueStore,
} from './venue';

const json = (v: unknown): string => stringifyVenue(v as VenueState);
const parse = <T>(text: string): T => parseVenue(text) as unknown as T;

export const simVenueTasks = {
  'sim.venue.commit': writeTask<{ accountId: string; changes: VenueChanges }, void>({
    run: (ctx, { accountId, changes }) => commitVenue(ctx.store.db, accountId, changes),
  }),
};

export function commitVenue(db: Db, accountId: string, c: VenueChanges): void {
  db.prepare(
    `INSERT INTO sim_venue (account_id, cash, next_order, next_execution) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET cash = excluded.cash, next_order = excluded.next_order,
       next_execution = excluded.next_execution`,
  ).run(accountId, c.cash, c.nextOrder, c.nextExecution);
  const order = db.prepare(
    `INSERT INTO sim_venue_orders (account_id, broker_order_id, open, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, broker_order_id) DO UPDATE SET open = excluded.open, body = excluded.body`,
  );
  for (const o of c.orders)
    order.run(accountId, o.order.brokerOrderId, isOpenStatus(o.order.status) ? 1 : 0, json(o));
  const fill = db.prepare('INSERT INTO sim_venue_fills (account_id, seq, body) VALUES (?, ?, ?)');
  c.fills.forEach((f, i) => fill.run(accountId, c.fillsFrom + i, json(f)));
  const holding = db.prepare(
    `INSERT INTO sim_venue_holdings (account_id, symbol, body) VALUES (?, ?, ?)
     ON CONFLICT (account_id, symbol) DO UPDATE SET body = excluded.body`,
  );
  for (const h of c.holdings) holding.run(accountId, h.symbol, json(h));
}

export function loadVenue(db: Db, accountId: string): VenueState | null {
  const head = db
    .prepare('SELECT cash, next_order, next_execution FROM sim_venue WHERE account_id = ?')
    .safeIntegers(true)
    .get(accountId) as { cash: bigint; next_order: bigint; next_execution: bigint } | undefined;
  if (!head) return null;
  const bodies = (sql: string) =>
    (db.prepare(sql).pluck().all(accountId) as string[]).map((b) => parse<unknown>(b));
  return {
    cash: head.cash,
    nextOrder: Number(head.next_order),
    nextExecution: Number(head.next_execution),
    // In creation order (the venue's sequence, not the id's text: sim-10 comes after sim-9), so an
    // entry comes before its legs, as the venue made them.
    orders: (bodies('SELECT body FROM sim_venue_orders WHERE account_id = ?') as VenueOrder[]).sort(
      (a, b) => sequenceOf(a) - sequenceOf(b),
    ),
    fills: bodies(
      'SELECT body FROM sim_venue_fills WHERE account_id = ? ORDER BY seq',
    ) as VenueState['fills'],
    holdings: bodies(
      'SELECT body FROM sim_venue_holdings WHERE account_id = ? ORDER BY symbol',
    ) as VenueState['holdings'],
  };
}

/** The number at the end of a venue order id (`sim-12` → 12). */
const sequenceOf = (o: VenueOrder): number => {
  const id = o.order.brokerOrderId;
  return Number(id.slice(id.lastIndexOf('-') + 1));
};

export class SqliteVenueStore implements VenueStore {
  constructor(
    private readonly accountId: string,
    private readonly store: Store,
    private readonly runner: TaskRunner<typeof simVenueTasks>,
  ) {}

  load(): VenueState | null {
    return loadVenue(this.store.db, this.accountId);
  }

  commit(changes: VenueChanges): Promise<void> {
    return this.runner.run('sim.venue.commit', { accountId: this.accountId, changes });
  }
}
