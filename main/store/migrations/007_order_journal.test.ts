import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { insertAccount, insertStrategy, T0, tempDb } from '../testing/db';

const orderSql = `INSERT INTO orders (id, account_id, client_order_id, broker_order_id, symbol, side, type, qty, status, filled_qty, avg_fill_price, strategy_id, source, submitted_at, updated_at)
  VALUES (@id, 'acct-1', @id, @broker, 'SPY', 'buy', 'market', 10000000000, @status, @filled, @avg, 'strat-1', 'manual', ${T0}, ${T0} + 5)`;
const fillSql = `INSERT INTO fills (id, order_id, account_id, execution_id, symbol, side, qty, price, notional, filled_at)
  VALUES ('f1', 'o1', 'acct-1', 'x1', 'SPY', 'buy', 10000000000, 500000000, 5000000000, ${T0})`;

describe('migration 007 order journal', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  /** A version-6 database with two orders (one filled, with its fill), then migrated to 7. */
  function upgraded() {
    env = tempDb(6);
    insertAccount(env.db);
    insertStrategy(env.db);
    env.db
      .prepare(orderSql)
      .run({ id: 'o1', broker: 'b1', status: 'filled', filled: 10_000_000_000, avg: 500_000_000 });
    env.db.prepare(orderSql).run({ id: 'o2', broker: null, status: 'new', filled: 0, avg: null });
    env.db.exec(fillSql);
    migrate(env.db, migrations.slice(0, 7));
    return env.db;
  }

  it('keeps every order and fill, and the fills still point at their orders', () => {
    const db = upgraded();
    expect(
      db.prepare('SELECT id, status, filled_qty, order_class, position_effect FROM orders ORDER BY id').all(),
    ).toEqual([
      {
        id: 'o1',
        status: 'filled',
        filled_qty: 10_000_000_000,
        order_class: 'simple',
        position_effect: null,
      },
      { id: 'o2', status: 'new', filled_qty: 0, order_class: 'simple', position_effect: null },
    ]);
    expect(db.prepare('SELECT order_id FROM fills').pluck().all()).toEqual(['o1']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The fills' key on orders survived the rebuild: a fill of an unknown order is refused.
    expect(() => db.exec(fillSql.replace("'f1', 'o1'", "'f2', 'nope'").replace("'x1'", "'x2'"))).toThrow(
      /FOREIGN KEY/,
    );
    // An order with journal events cannot be deleted: the journal keeps its history.
    expect(() => db.prepare("DELETE FROM orders WHERE id = 'o2'").run()).toThrow(/FOREIGN KEY/);
  });

  it('states each existing order once in the journal, and links the row to its event', () => {
    const db = upgraded();
    const events = db
      .prepare('SELECT seq, order_id, kind, status, filled_qty, origin FROM order_events ORDER BY seq')
      .all();
    expect(events).toEqual([
      {
        seq: 1,
        order_id: 'o1',
        kind: 'restated',
        status: 'filled',
        filled_qty: 10_000_000_000,
        origin: 'keel',
      },
      { seq: 2, order_id: 'o2', kind: 'restated', status: 'new', filled_qty: 0, origin: 'keel' },
    ]);
    expect(db.prepare('SELECT last_event_seq FROM orders ORDER BY id').pluck().all()).toEqual([1, 2]);
  });

  it('keeps the journal append-only', () => {
    const db = upgraded();
    expect(() => db.prepare("UPDATE order_events SET status = 'canceled'").run()).toThrow(
      'order_events is append-only',
    );
    expect(() => db.prepare('DELETE FROM order_events').run()).toThrow('order_events is append-only');
  });

  it('refuses unknown statuses, types and effects, and a fill event without its execution id', () => {
    const db = upgraded();
    expect(() =>
      db.prepare(orderSql).run({ id: 'o3', broker: null, status: 'working', filled: 0, avg: null }),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE orders SET type = 'iceberg' WHERE id = 'o2'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE orders SET position_effect = 'short' WHERE id = 'o2'").run()).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare("UPDATE orders SET type = 'trailing_stop' WHERE id = 'o2'").run()).toThrow(
      /CHECK/,
    );
    db.prepare("UPDATE orders SET type = 'trailing_stop', trail_bps = 150 WHERE id = 'o2'").run();
    const event = db.prepare(
      "INSERT INTO order_events (order_id, at, kind, status, filled_qty, execution_id, origin) VALUES ('o2', 1, ?, 'partially_filled', 1, ?, 'sim')",
    );
    expect(() => event.run('partial_fill', null)).toThrow(/CHECK/);
    expect(() => event.run('new', 'x9')).toThrow(/CHECK/);
    event.run('partial_fill', 'x9');
    expect(() => event.run('partial_fill', 'x9')).toThrow(/UNIQUE/);
  });

  it('allows one broker order id per account', () => {
    const db = upgraded();
    expect(() =>
      db.prepare(orderSql).run({ id: 'o3', broker: 'b1', status: 'new', filled: 0, avg: null }),
    ).toThrow(/UNIQUE/);
  });

  it('links legs to their parent and a replacement to the order it replaced', () => {
    const db = upgraded();
    db.prepare(orderSql).run({ id: 'o3', broker: 'b3', status: 'held', filled: 0, avg: null });
    db.prepare("UPDATE orders SET parent_order_id = 'o2', order_class = 'bracket' WHERE id = 'o3'").run();
    expect(() => db.prepare("UPDATE orders SET parent_order_id = 'nope' WHERE id = 'o3'").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare("UPDATE orders SET replaced_by_order_id = 'o3' WHERE id = 'o2'").run();
    expect(() => db.prepare("UPDATE orders SET replaces_order_id = 'nope' WHERE id = 'o3'").run()).toThrow(
      /FOREIGN KEY/,
    );
  });
});
