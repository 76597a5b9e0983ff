/**
 * Applies one broker order update to Keel's book in the caller's write transaction: the order
 * (created as 'external' when it was placed outside Keel; a leg the broker made for one of
 * Keel's brackets, OTOs or OCOs as Keel's, linked to its parent), the fill (dropped when its execution
 * id was seen before), the journal event, the position and the day's cash and equity. Everything
 * or nothing: the caller runs it inside one transaction.
 */
import { applyFill, cashValue, averageEntry, type Holding } from '../domain/holdings';
import { newYorkDate } from '../domain/sessions';
import type { OrderStatus, OrderUpdate } from '../brokers/types';
import type { Db } from '../store/db';
import { stmt } from '../store/statements';
import { appendOrderEvent, type JournalOrigin } from './journal';

export interface ApplyResult {
  orderId: string;
  /** The fill row written, or null (no fill, or a duplicate execution). */
  fillId: string | null;
  /** True when nothing changed: a repeated event or execution. */
  duplicate: boolean;
}

interface OrderRow {
  id: string;
  status: OrderStatus;
  filled_qty: bigint;
  avg_fill_price: bigint | null;
  qty: bigint | null;
  parent_order_id: string | null;
  order_class: string;
}

/** What a parent hands down to the legs the broker creates for it. */
interface ParentRow {
  id: string;
  source: string;
  strategy_id: string | null;
  correlation_id: string | null;
}

const FINAL = new Set<OrderStatus>(['filled', 'canceled', 'replaced', 'expired', 'rejected']);

/** Finds our order for a broker order: by broker id, else by our client order id. */
function findOrder(
  db: Db,
  accountId: string,
  brokerOrderId: string,
  clientOrderId: string,
): OrderRow | undefined {
  return stmt(
    db,
    `SELECT id, status, filled_qty, avg_fill_price, qty, parent_order_id, order_class FROM orders
       WHERE account_id = ? AND (broker_order_id = ? OR client_order_id = ?)
       ORDER BY broker_order_id = ? DESC LIMIT 1`,
  )
    .safeIntegers(true)
    .get(accountId, brokerOrderId, clientOrderId, brokerOrderId) as OrderRow | undefined;
}

function parentOf(db: Db, accountId: string, brokerOrderId: string): ParentRow | undefined {
  return stmt(
    db,
    'SELECT id, source, strategy_id, correlation_id FROM orders WHERE account_id = ? AND broker_order_id = ?',
  ).get(accountId, brokerOrderId) as ParentRow | undefined;
}

/**
 * Open or close, where it is known: an option's position intent; a leg of a bracket or OTO
 * closes what its entry opened, and an OCO's legs are exits.
 */
export function positionEffect(o: {
  positionIntent: string | null;
  orderClass: string;
  parentBrokerOrderId: string | null;
}): 'open' | 'close' | null {
  if (o.positionIntent) return o.positionIntent.endsWith('_open') ? 'open' : 'close';
  if (o.orderClass === 'simple') return null;
  return o.parentBrokerOrderId !== null || o.orderClass === 'oco' ? 'close' : 'open';
}

/** Inserts an order first seen in an update: a leg of one of ours, or one placed elsewhere. */
function insertFromBroker(db: Db, accountId: string, u: OrderUpdate): string {
  const o = u.order;
  const parent = o.parentBrokerOrderId ? parentOf(db, accountId, o.parentBrokerOrderId) : undefined;
  const id = parent ? `${parent.id}-leg-${o.brokerOrderId}` : `ext-${accountId}-${o.brokerOrderId}`;
  stmt(
    db,
    `INSERT INTO orders (id, account_id, client_order_id, broker_order_id, symbol, asset_class, side, position_effect,
       type, time_in_force, order_class, parent_order_id, qty, limit_price, stop_price, trail_price, trail_bps,
       extended_hours, status, source, strategy_id, correlation_id, submitted_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_new', ?, ?, ?, ?, ?)`,
  ).run(
    id,
    accountId,
    o.clientOrderId || id,
    o.brokerOrderId,
    o.symbol,
    o.assetClass,
    o.side,
    positionEffect(o),
    o.type,
    o.timeInForce,
    o.orderClass,
    parent?.id ?? null,
    o.qty,
    o.limitPrice,
    o.stopPrice,
    o.trail?.kind === 'price' ? o.trail.amount : null,
    o.trail?.kind === 'percent' ? o.trail.bps : null,
    o.extendedHours ? 1 : 0,
    parent?.source ?? 'external',
    parent?.strategy_id ?? null,
    parent?.correlation_id ?? null,
    o.submittedAt,
    o.submittedAt,
  );
  return id;
}

function holdingOf(db: Db, accountId: string, symbol: string): Holding | undefined {
  const row = stmt(
    db,
    'SELECT symbol, asset_class, qty, avg_entry_price, cost_basis FROM positions WHERE account_id = ? AND symbol = ?',
  )
    .safeIntegers(true)
    .get(accountId, symbol) as
    | {
        symbol: string;
        asset_class: Holding['assetClass'];
        qty: bigint;
        avg_entry_price: bigint;
        cost_basis: bigint | null;
      }
    | undefined;
  if (!row) return undefined;
  const sign = row.qty < 0n ? -1n : 1n;
  const cost = row.cost_basis ?? sign * cashValue(row.qty * sign, row.avg_entry_price, row.asset_class);
  return { symbol: row.symbol, assetClass: row.asset_class, qty: row.qty, costBasis: cost };
}

/** Moves today's cash by `delta` and re-marks equity; a new day starts from the last day's cash. */
function bookCash(db: Db, accountId: string, at: number, delta: bigint): void {
  const date = newYorkDate(at);
  const last = stmt(
    db,
    'SELECT date, cash FROM equity_snapshots WHERE account_id = ? ORDER BY date DESC LIMIT 1',
  )
    .safeIntegers(true)
    .get(accountId) as { date: string; cash: bigint } | undefined;
  const cash = (last?.cash ?? 0n) + delta;
  const positions = stmt(
    db,
    'SELECT qty, current_price, asset_class FROM positions WHERE account_id = ? AND qty <> 0',
  )
    .safeIntegers(true)
    .all(accountId) as { qty: bigint; current_price: bigint; asset_class: Holding['assetClass'] }[];
  const equity = positions.reduce((sum, p) => sum + cashValue(p.qty, p.current_price, p.asset_class), cash);
  if (last && last.date > date) return; // a late event for a past day: that day's close stands
  stmt(
    db,
    `INSERT INTO equity_snapshots (account_id, date, equity, cash, source) VALUES (?, ?, ?, ?, 'local')
     ON CONFLICT (account_id, date) DO UPDATE SET equity = excluded.equity, cash = excluded.cash`,
  ).run(accountId, date, equity, cash);
}

export function applyOrderUpdate(
  db: Db,
  accountId: string,
  u: OrderUpdate,
  origin: JournalOrigin,
): ApplyResult {
  const o = u.order;
  const existing = findOrder(db, accountId, o.brokerOrderId, o.clientOrderId);
  const orderId = existing?.id ?? insertFromBroker(db, accountId, u);
  // A leg works for what its entry filled, and an exit for what its sibling left: the broker
  // sizes them down (a leg when released, an OCO's order when its stop filled in part).
  const resizable = existing && (existing.parent_order_id !== null || existing.order_class === 'oco');
  if (resizable && o.qty !== existing.qty && !behind(existing, u))
    stmt(db, 'UPDATE orders SET qty = ? WHERE id = ?').run(o.qty, orderId);

  let fillId: string | null = null;
  if (u.fill) {
    const f = u.fill;
    fillId = `fill-${accountId}-${f.executionId}`;
    const inserted = stmt(
      db,
      `INSERT OR IGNORE INTO fills (id, order_id, account_id, execution_id, symbol, side, qty, price, notional, fee, filled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      fillId,
      orderId,
      accountId,
      f.executionId,
      f.symbol,
      f.side,
      f.qty,
      f.price,
      cashValue(f.qty, f.price, f.assetClass),
      f.fee,
      f.at,
    );
    if (inserted.changes === 0) return { orderId, fillId: null, duplicate: true };

    const { holding, cash } = applyFill(holdingOf(db, accountId, f.symbol), f);
    stmt(
      db,
      `INSERT INTO positions (account_id, symbol, asset_class, qty, avg_entry_price, cost_basis, current_price, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, symbol) DO UPDATE SET qty = excluded.qty, avg_entry_price = excluded.avg_entry_price,
         cost_basis = excluded.cost_basis, current_price = excluded.current_price, updated_at = excluded.updated_at`,
    ).run(
      accountId,
      f.symbol,
      f.assetClass,
      holding.qty,
      averageEntry(holding),
      holding.costBasis,
      f.price,
      f.at,
    );
    bookCash(db, accountId, f.at, cash);
  } else if (existing && (sameState(existing, u) || behind(existing, u))) {
    // The same state again, or an older one arriving late (streams repeat and reorder): the
    // order never moves backwards, so there is nothing to journal.
    return { orderId, fillId: null, duplicate: true };
  }
  // A fill that arrives after a later one (same-millisecond partials may be reordered) is booked,
  // but the order keeps its furthest state: cumulative quantity only grows.
  const state =
    existing && behind(existing, u)
      ? { status: existing.status, filledQty: existing.filled_qty, avgFillPrice: existing.avg_fill_price }
      : { status: o.status, filledQty: o.filledQty, avgFillPrice: o.avgFillPrice };

  const related = o.replacedBy
    ? ((stmt(
        db,
        `SELECT id FROM orders WHERE account_id = ? AND (broker_order_id = ? OR replaces_order_id = ?) LIMIT 1`,
      )
        .pluck()
        .get(accountId, o.replacedBy, orderId) as string | undefined) ?? null)
    : null;
  appendOrderEvent(db, {
    orderId,
    at: u.at,
    kind: u.kind,
    ...state,
    brokerOrderId: o.brokerOrderId,
    executionId: u.fill?.executionId ?? null,
    fillId,
    relatedOrderId: u.kind === 'replaced' ? related : null,
    message: o.rejectReason,
    origin,
    payload: u.source,
  });
  return { orderId, fillId, duplicate: false };
}

function sameState(row: OrderRow, u: OrderUpdate): boolean {
  return row.status === u.order.status && row.filled_qty === u.order.filledQty;
}

/**
 * The update describes an earlier state than the row holds: less filled, open again after a
 * final state, held again after its release (a late or repeated leg event, or a replace's answer
 * overtaken by the entry's fill), or pending again after the broker acknowledged it.
 */
function behind(row: OrderRow, u: OrderUpdate): boolean {
  if (u.order.filledQty < row.filled_qty) return true;
  if (FINAL.has(row.status) && !FINAL.has(u.order.status)) return true;
  if (u.order.status === 'held' && row.status !== 'held') return true;
  return u.order.status === 'pending_new' && row.status !== 'pending_new' && row.status !== 'held';
}
