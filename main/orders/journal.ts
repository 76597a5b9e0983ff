/**
 * The order journal: every change to an order is appended to `order_events` and folded into its
 * `orders` row in the same transaction, so the row is always the projection of its events
 * (rebuildOrders recomputes every row from the journal; a test holds the two equal).
 */
import type { Db } from '../store/db';
import { stmt } from '../store/statements';
import type { OrderEventKind, OrderStatus } from '../brokers/types';

export type JournalKind = OrderEventKind | 'submitted' | 'held' | 'restated';
export type JournalOrigin = 'keel' | 'broker' | 'stream' | 'reconcile' | 'sim' | 'demo';

export interface JournalEvent {
  orderId: string;
  at: number;
  kind: JournalKind;
  /** The order's state after the event. */
  status: OrderStatus;
  filledQty: bigint;
  avgFillPrice: bigint | null;
  brokerOrderId?: string | null;
  executionId?: string | null;
  fillId?: string | null;
  relatedOrderId?: string | null;
  message?: string | null;
  origin: JournalOrigin;
  /** The source event, JSON text. */
  payload?: string | null;
}

/** The columns of an order row that the journal owns. */
export interface OrderProjection {
  status: OrderStatus;
  filled_qty: bigint;
  avg_fill_price: bigint | null;
  broker_order_id: string | null;
  replaced_by_order_id: string | null;
  reject_reason: string | null;
  updated_at: number;
  last_event_seq: number;
}

interface EventRow {
  seq: number;
  at: number;
  kind: JournalKind;
  status: OrderStatus;
  filled_qty: bigint;
  avg_fill_price: bigint | null;
  broker_order_id: string | null;
  related_order_id: string | null;
  message: string | null;
}

/** Folds an order's events, oldest first, into the journal-owned columns of its row. */
export function project(events: readonly EventRow[]): OrderProjection | null {
  let out = null as OrderProjection | null;
  for (const e of events) {
    out = {
      status: e.status,
      filled_qty: e.filled_qty,
      avg_fill_price: e.avg_fill_price,
      broker_order_id: e.broker_order_id ?? out?.broker_order_id ?? null,
      replaced_by_order_id: e.kind === 'replaced' ? e.related_order_id : (out?.replaced_by_order_id ?? null),
      reject_reason: e.kind === 'rejected' ? e.message : (out?.reject_reason ?? null),
      updated_at: e.at,
      last_event_seq: e.seq,
    };
  }
  return out;
}

/** Appends one event and updates the order's row to match. Call inside a write transaction. */
export function appendOrderEvent(db: Db, event: JournalEvent): number {
  const seq = Number(
    stmt(
      db,
      `INSERT INTO order_events (order_id, at, kind, status, filled_qty, avg_fill_price, broker_order_id,
           execution_id, fill_id, related_order_id, message, origin, payload)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.orderId,
      event.at,
      event.kind,
      event.status,
      event.filledQty,
      event.avgFillPrice,
      event.brokerOrderId ?? null,
      event.executionId ?? null,
      event.fillId ?? null,
      event.relatedOrderId ?? null,
      event.message ?? null,
      event.origin,
      event.payload ?? null,
    ).lastInsertRowid,
  );
  stmt(
    db,
    `UPDATE orders SET status = ?, filled_qty = ?, avg_fill_price = ?,
       broker_order_id = COALESCE(?, broker_order_id),
       replaced_by_order_id = CASE WHEN ? = 'replaced' THEN ? ELSE replaced_by_order_id END,
       reject_reason = CASE WHEN ? = 'rejected' THEN ? ELSE reject_reason END,
       updated_at = ?, last_event_seq = ?
     WHERE id = ?`,
  ).run(
    event.status,
    event.filledQty,
    event.avgFillPrice,
    event.brokerOrderId ?? null,
    event.kind,
    event.relatedOrderId ?? null,
    event.kind,
    event.message ?? null,
    event.at,
    seq,
    event.orderId,
  );
  return seq;
}

/**
 * Recomputes every order's journal-owned columns from its events. Returns the ids whose row
 * differed (empty when the table is a faithful projection); with `fix`, rewrites those rows.
 */
export function rebuildOrders(db: Db, fix = false): string[] {
  const orders = db
    .prepare(
      `SELECT id, status, filled_qty, avg_fill_price, broker_order_id, replaced_by_order_id, reject_reason,
                     updated_at, last_event_seq FROM orders ORDER BY id`,
    )
    .safeIntegers()
    .all() as (OrderProjection & { id: string; updated_at: bigint; last_event_seq: bigint | null })[];
  const eventsOf = db
    .prepare(
      `SELECT seq, at, kind, status, filled_qty, avg_fill_price, broker_order_id, related_order_id, message
       FROM order_events WHERE order_id = ? ORDER BY seq`,
    )
    .safeIntegers();
  const write = db.prepare(
    `UPDATE orders SET status = ?, filled_qty = ?, avg_fill_price = ?, broker_order_id = ?, replaced_by_order_id = ?,
       reject_reason = ?, updated_at = ?, last_event_seq = ? WHERE id = ?`,
  );
  const differing: string[] = [];
  for (const row of orders) {
    const events = (eventsOf.all(row.id) as (EventRow & { seq: bigint; at: bigint })[]).map((e) => ({
      ...e,
      seq: Number(e.seq),
      at: Number(e.at),
    }));
    const p = project(events);
    const same =
      p !== null &&
      p.status === row.status &&
      p.filled_qty === row.filled_qty &&
      p.avg_fill_price === row.avg_fill_price &&
      p.broker_order_id === row.broker_order_id &&
      p.replaced_by_order_id === row.replaced_by_order_id &&
      p.reject_reason === row.reject_reason &&
      BigInt(p.updated_at) === row.updated_at &&
      BigInt(p.last_event_seq) === row.last_event_seq;
    if (same) continue;
    differing.push(row.id);
    if (fix && p)
      write.run(
        p.status,
        p.filled_qty,
        p.avg_fill_price,
        p.broker_order_id,
        p.replaced_by_order_id,
        p.reject_reason,
        p.updated_at,
        p.last_event_seq,
        row.id,
      );
  }
  return differing;
}
