import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock';
import { SimBroker } from '../brokers/sim/broker';
import { ManualMarket } from '../brokers/sim/testing/manual-market';
import { MemoryVenueStore } from '../brokers/sim/venue';
import type { OrderRequest, OrderUpdate } from '../brokers/types';
import { insertAccount, insertStrategy, tempDb } from '../store/testing/db';
import { applyOrderUpdate } from './apply';
import { rebuildOrders } from './journal';

const SHARE = 1_000_000_000n;
const usd = (d: number) => BigInt(Math.round(d * 1e6));

function setup() {
  const env = tempDb();
  insertAccount(env.db);
  const clock = new ManualClock(Date.parse('2026-11-23T15:00:00Z'));
  const market = new ManualMarket(() => clock.now());
  const broker = new SimBroker({
    accountId: 'acct-1',
    clock,
    market,
    store: new MemoryVenueStore(),
    startingCash: usd(100_000),
  });
  const updates: OrderUpdate[] = [];
  broker.streamOrderUpdates({ update: (u) => updates.push(u) });
  market.set('SPY', usd(500), usd(500.01), 100);
  const apply = (list = updates.splice(0)) =>
    env.db.transaction(() => list.map((u) => applyOrderUpdate(env.db, 'acct-1', u, 'stream')))();
  return { env, clock, market, broker, updates, apply };
}

function req(over: Partial<OrderRequest>): OrderRequest {
  return {
    clientOrderId: `c-${Math.random().toString(36).slice(2)}`,
    symbol: 'SPY',
    assetClass: 'us_equity',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: 10n * SHARE,
    extendedHours: false,
    orderClass: 'simple',
    ...over,
  };
}

describe('applying broker updates to the book', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  it('books an order placed outside Keel, its fills, position and cash, as a journal projection', async () => {
    const s = setup();
    env = s.env;
    env.db
      .prepare(
        "INSERT INTO equity_snapshots (account_id, date, equity, cash) VALUES ('acct-1', '2026-11-20', ?, ?)",
      )
      .run(usd(100_000), usd(100_000));
    await s.broker.placeOrder(req({ type: 'limit', limitPrice: usd(500.01), qty: 250n * SHARE }));
    s.market.set('SPY', usd(500), usd(500.01), 100);
    s.market.set('SPY', usd(500), usd(500.01), 100);
    const results = s.apply();
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false, false]);
    const order = env.db.prepare('SELECT source, status, filled_qty FROM orders').safeIntegers().get();
    expect(order).toEqual({ source: 'external', status: 'filled', filled_qty: 250n * SHARE });
    expect(env.db.prepare('SELECT kind FROM order_events ORDER BY seq').pluck().all()).toEqual([
      'new',
      'partial_fill',
      'partial_fill',
      'fill',
    ]);
    expect(rebuildOrders(env.db)).toEqual([]);
    const [venuePosition] = await s.broker.positions();
    const position = env.db
      .prepare('SELECT qty, avg_entry_price, cost_basis FROM positions WHERE symbol = ?')
      .safeIntegers()
      .get('SPY');
    expect(position).toEqual({
      qty: venuePosition!.qty,
      avg_entry_price: venuePosition!.avgEntryPrice,
      cost_basis: venuePosition!.costBasis,
    });
    // Cash moved by exactly what the venue charged; a new day's row starts from the last close.
    const day = env.db
      .prepare("SELECT cash, equity FROM equity_snapshots WHERE date = '2026-11-23'")
      .safeIntegers()
      .get() as { cash: bigint; equity: bigint };
    expect(day.cash).toBe((await s.broker.account()).cash);
    expect(day.equity).toBe(day.cash + 250n * usd(500.01));
  });

  it('drops a repeated execution and a repeated state, changing nothing', async () => {
    const s = setup();
    env = s.env;
    await s.broker.placeOrder(req({}));
    const first = [...s.updates];
    s.apply();
    const before = env.db.prepare('SELECT COUNT(*) FROM order_events').pluck().get();
    const again = s.apply(first);
    expect(again.map((r) => r.duplicate)).toEqual([true, true]);
    expect(env.db.prepare('SELECT COUNT(*) FROM order_events').pluck().get()).toBe(before);
    expect(env.db.prepare('SELECT COUNT(*) FROM fills').pluck().get()).toBe(1);
    expect(env.db.prepare('SELECT qty FROM positions').safeIntegers().pluck().get()).toBe(10n * SHARE);
  });

  it('books fills that arrive out of order, and the order never moves backwards', async () => {
    const s = setup();
    env = s.env;
    await s.broker.placeOrder(req({ type: 'limit', limitPrice: usd(500.01), qty: 250n * SHARE }));
    s.market.set('SPY', usd(500), usd(500.01), 100);
    s.market.set('SPY', usd(500), usd(500.01), 100);
    const [created, first, second, last] = s.updates.splice(0);
    const results = s.apply([created!, last!, second!, first!]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false, false]);
    expect(env.db.prepare('SELECT status, filled_qty FROM orders').safeIntegers().get()).toEqual({
      status: 'filled',
      filled_qty: 250n * SHARE,
    });
    expect(env.db.prepare('SELECT COUNT(*) FROM fills').pluck().get()).toBe(3);
    expect(env.db.prepare('SELECT qty FROM positions').safeIntegers().pluck().get()).toBe(250n * SHARE);
    expect(env.db.prepare('SELECT status FROM order_events ORDER BY seq').pluck().all()).toEqual([
      'new',
      'filled',
      'filled',
      'filled',
    ]);
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('links a replaced order to the order Keel made for its replacement', async () => {
    const s = setup();
    env = s.env;
    const placed = await s.broker.placeOrder(req({ type: 'limit', limitPrice: usd(490) }));
    s.apply();
    const oldId = env.db.prepare('SELECT id FROM orders').pluck().get() as string;
    // Keel records the replacement before asking the broker, with the link back.
    env.db
      .prepare(
        `INSERT INTO orders (id, account_id, client_order_id, symbol, side, type, qty, status, source, replaces_order_id, submitted_at, updated_at)
         VALUES ('r1', 'acct-1', 'c-r1', 'SPY', 'buy', 'limit', ?, 'pending_new', 'manual', ?, 0, 0)`,
      )
      .run(10n * SHARE, oldId);
    await s.broker.replaceOrder(placed.brokerOrderId, { clientOrderId: 'c-r1', limitPrice: usd(495) });
    s.apply();
    expect(env.db.prepare('SELECT status, replaced_by_order_id FROM orders WHERE id = ?').get(oldId)).toEqual(
      {
        status: 'replaced',
        replaced_by_order_id: 'r1',
      },
    );
    expect(
      env.db.prepare("SELECT status, broker_order_id IS NOT NULL AS known FROM orders WHERE id = 'r1'").get(),
    ).toEqual({
      status: 'new',
      known: 1,
    });
  });

  it('keeps a rejection with the broker’s reason', async () => {
    const s = setup();
    env = s.env;
    const placed = await s.broker.placeOrder(req({ type: 'limit', limitPrice: usd(490) }));
    s.apply();
    s.apply([
      {
        kind: 'rejected',
        order: { ...placed, status: 'rejected', rejectReason: 'market closed for SPY' },
        fill: null,
        at: s.clock.now(),
        source: '{"event":"rejected"}',
      },
    ]);
    expect(env.db.prepare('SELECT status, reject_reason FROM orders').get()).toEqual({
      status: 'rejected',
      reject_reason: 'market closed for SPY',
    });
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  /** Records a parent as Keel does before sending it: a strategy's order, not yet at the broker. */
  function recordParent(r: OrderRequest, id = 'p1') {
    insertStrategy(env.db, 'strat-1');
    env.db
      .prepare(
        `INSERT INTO orders (id, account_id, client_order_id, symbol, side, type, order_class, qty, status, source,
           strategy_id, correlation_id, submitted_at, updated_at)
         VALUES (?, 'acct-1', ?, 'SPY', ?, ?, ?, ?, 'pending_new', 'strategy', 'strat-1', 'corr-1', 0, 0)`,
      )
      .run(id, r.clientOrderId, r.side, r.type, r.orderClass, r.qty);
  }
  const legs = () =>
    env.db
      .prepare(
        `SELECT id, client_order_id, parent_order_id, source, strategy_id, correlation_id, position_effect, side, type,
           status, qty FROM orders WHERE parent_order_id IS NOT NULL ORDER BY type`,
      )
      .safeIntegers(true)
      .all() as Record<string, unknown>[];

  it('books a bracket’s legs as Keel’s orders, linked to the parent, held then working, then one cancelled', async () => {
    const s = setup();
    env = s.env;
    const r = req({
      type: 'limit',
      limitPrice: usd(499),
      orderClass: 'bracket',
      takeProfit: { limitPrice: usd(505) },
      stopLoss: { stopPrice: usd(495) },
    });
    recordParent(r);
    const parent = await s.broker.placeOrder(r);
    s.apply();
    const held = legs();
    expect(held).toHaveLength(2);
    for (const leg of held)
      expect(leg).toMatchObject({
        parent_order_id: 'p1',
        source: 'strategy',
        strategy_id: 'strat-1',
        correlation_id: 'corr-1',
        position_effect: 'close',
        side: 'sell',
        status: 'held',
        qty: 10n * SHARE,
      });
    expect(held.map((l) => l.client_order_id)).not.toContain(r.clientOrderId);
    expect(new Set(held.map((l) => l.client_order_id)).size).toBe(2);
    // The entry fills: the legs work; the take-profit fills and the stop-loss is cancelled.
    s.market.set('SPY', usd(498.9), usd(498.99), 100);
    s.apply();
    expect(legs().map((l) => l.status)).toEqual(['new', 'new']);
    s.market.set('SPY', usd(505), usd(505.01), 100);
    s.apply();
    expect(legs().map((l) => [l.type, l.status])).toEqual([
      ['limit', 'filled'],
      ['stop', 'canceled'],
    ]);
    expect(env.db.prepare('SELECT status FROM orders WHERE id = ?').pluck().get('p1')).toBe('filled');
    expect(env.db.prepare("SELECT COUNT(*) FROM orders WHERE source = 'external'").pluck().get()).toBe(0);
    expect(env.db.prepare('SELECT broker_order_id FROM orders WHERE id = ?').pluck().get('p1')).toBe(
      parent.brokerOrderId,
    );
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('sizes a bracket’s legs to what a partly filled entry bought when the entry is cancelled', async () => {
    const s = setup();
    env = s.env;
    const r = req({
      type: 'limit',
      limitPrice: usd(500.01),
      qty: 150n * SHARE,
      orderClass: 'bracket',
      takeProfit: { limitPrice: usd(505) },
      stopLoss: { stopPrice: usd(495) },
    });
    recordParent(r);
    const parent = await s.broker.placeOrder(r); // 100 of 150 fill against the displayed size
    s.apply();
    expect(legs().map((l) => l.status)).toEqual(['held', 'held']);
    await s.broker.cancelOrder(parent.brokerOrderId);
    s.apply();
    expect(legs().map((l) => [l.status, l.qty])).toEqual([
      ['new', 100n * SHARE],
      ['new', 100n * SHARE],
    ]);
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('never moves a released leg back to held, nor back to its entry’s size, on a late or repeated event', async () => {
    const s = setup();
    env = s.env;
    const r = req({
      type: 'limit',
      limitPrice: usd(500.01),
      qty: 150n * SHARE,
      orderClass: 'bracket',
      takeProfit: { limitPrice: usd(505) },
      stopLoss: { stopPrice: usd(495) },
    });
    recordParent(r);
    const parent = await s.broker.placeOrder(r);
    const early = s.updates.filter((u) => u.kind === 'held');
    expect(early).toHaveLength(2);
    s.apply();
    await s.broker.cancelOrder(parent.brokerOrderId);
    s.apply();
    const released = [
      ['new', 100n * SHARE],
      ['new', 100n * SHARE],
    ];
    expect(legs().map((l) => [l.status, l.qty])).toEqual(released);
    const journalled = env.db.prepare('SELECT COUNT(*) FROM order_events').pluck().get();
    const results = s.apply(early);
    expect(results.map((x) => x.duplicate)).toEqual([true, true]);
    expect(legs().map((l) => [l.status, l.qty])).toEqual(released);
    expect(env.db.prepare('SELECT COUNT(*) FROM order_events').pluck().get()).toBe(journalled);
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('sizes an OCO’s take-profit down to what its stop left when the stop fills in part', async () => {
    const s = setup();
    env = s.env;
    await s.broker.placeOrder(req({})); // 10 long at the ask (placed outside Keel: booked as external)
    s.apply();
    const oco = req({
      side: 'sell',
      type: 'limit',
      limitPrice: usd(505),
      orderClass: 'oco',
      takeProfit: { limitPrice: usd(505) },
      stopLoss: { stopPrice: usd(495), limitPrice: usd(494) },
    });
    recordParent(oco);
    await s.broker.placeOrder(oco);
    s.apply();
    const ocoRow = () =>
      env.db.prepare("SELECT qty, status FROM orders WHERE id = 'p1'").safeIntegers(true).get() as {
        qty: bigint;
        status: string;
      };
    expect(ocoRow()).toEqual({ qty: 10n * SHARE, status: 'new' });
    // The stop triggers and fills 3 at the bid (a stop-limit takes one level a tick).
    s.market.set('SPY', usd(494.99), usd(495), 3);
    s.apply();
    expect(legs().map((l) => [l.type, l.status])).toEqual([['stop_limit', 'partially_filled']]);
    expect(ocoRow()).toEqual({ qty: 7n * SHARE, status: 'new' });
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('records an option’s position effect from its intent', async () => {
    const s = setup();
    env = s.env;
    await s.broker.placeOrder(
      req({
        symbol: 'SPY261218C00500000',
        assetClass: 'us_option',
        positionIntent: 'buy_to_open',
        qty: SHARE,
      }),
    );
    s.apply();
    expect(env.db.prepare('SELECT asset_class, position_effect, status FROM orders').get()).toEqual({
      asset_class: 'us_option',
      position_effect: 'open',
      status: 'filled',
    });
    expect(rebuildOrders(env.db)).toEqual([]);
  });
});
