import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock';
import { BrokerError } from '../brokers/errors';
import { SimBroker } from '../brokers/sim/broker';
import { ManualMarket } from '../brokers/sim/testing/manual-market';
import { MemoryVenueStore } from '../brokers/sim/venue';
import type { BrokerOrder } from '../brokers/types';
import type { OrderRequest } from '../contract/trading';
import { createExecutors } from '../engine/executors';
import { rebuildOrders } from '../orders/journal';
import { insertAccount, tempDb } from '../store/testing/db';
import { createTaskRunner } from '../workers/runner';
import { parentsFirst, TradingService } from './service';
import { tradingTasks } from './tasks';

const usd = (d: number) => BigInt(Math.round(d * 1e6));
const market: OrderRequest = {
  symbol: 'SPY',
  assetClass: 'us_equity',
  side: 'buy',
  type: 'market',
  timeInForce: 'day',
  qty: '10',
  extendedHours: false,
  orderClass: 'simple',
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup() {
  const env = tempDb();
  insertAccount(env.db, 'sim-1');
  const clock = new ManualClock(Date.parse('2026-11-23T15:00:00Z'));
  const quotes = new ManualMarket(() => clock.now());
  quotes.set('SPY', usd(500), usd(500.01), 1_000);
  const venue = new MemoryVenueStore();
  const executors = createExecutors({ registry: tradingTasks, dataDir: env.dir, clock, lockWaitMs: 500 });
  const runner = createTaskRunner({ registry: tradingTasks, executors: executors.lanes, clock });
  const events: string[] = [];
  const logs: string[] = [];
  let n = 0;
  const make = (broker: SimBroker) =>
    new TradingService({
      brokers: new Map([['sim-1', broker]]),
      runner,
      clock,
      log: (l) => logs.push(l),
      events: {
        orderChanged: (a, o) => events.push(`order ${o}`),
        filled: (a, f) => events.push(`fill ${f}`),
      },
      newOrderId: () => `o${++n}`,
    });
  const newBroker = () =>
    new SimBroker({ accountId: 'sim-1', clock, market: quotes, store: venue, startingCash: usd(100_000) });
  const broker = newBroker();
  const service = make(broker);
  service.start();
  cleanups.push(
    () => env.cleanup(),
    async () => {
      await runner.close();
      executors.dispose();
    },
  );
  const q = <T>(sql: string, ...args: unknown[]) =>
    env.db
      .prepare(sql)
      .safeIntegers()
      .all(...args) as T[];
  return { env, clock, quotes, broker, service, events, logs, q, make, newBroker };
}

describe('trading', () => {
  it('places a market order, books its fill, position and cash, and says so', async () => {
    const s = setup();
    const placed = await s.service.place('sim-1', market);
    await s.service.close();
    expect(placed).toEqual({ orderId: 'o1', accountId: 'sim-1' });
    expect(
      s.q('SELECT id, status, filled_qty, source, broker_order_id IS NOT NULL AS b FROM orders'),
    ).toEqual([{ id: 'o1', status: 'filled', filled_qty: 10_000_000_000n, source: 'manual', b: 1n }]);
    expect(s.q<{ kind: string }>('SELECT kind FROM order_events ORDER BY seq').map((r) => r.kind)).toEqual([
      'submitted',
      'new',
      'fill',
    ]);
    expect(s.q('SELECT qty FROM positions')).toEqual([{ qty: 10_000_000_000n }]);
    expect(s.events).toContain('order o1');
    expect(s.events.filter((e) => e.startsWith('fill'))).toHaveLength(1);
    expect(rebuildOrders(s.env.db)).toEqual([]);
    // The arrival quote is kept for execution-quality analysis.
    expect(s.q('SELECT arrival_bid, arrival_ask FROM orders')).toEqual([
      { arrival_bid: usd(500), arrival_ask: usd(500.01) },
    ]);
  });

  it('passes a refusal on with the broker’s code and message, and journals it as rejected', async () => {
    const s = setup();
    const err = await s.service.place('sim-1', { ...market, qty: '100000' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'rejected',
      message: expect.stringMatching(
        /^The simulated broker refused the order: Insufficient buying power.*\(40310000 insufficient buying power\)$/,
      ),
    });
    await s.service.close();
    expect(s.q('SELECT status, reject_reason FROM orders')).toEqual([
      { status: 'rejected', reject_reason: 'insufficient buying power' },
    ]);
    expect(rebuildOrders(s.env.db)).toEqual([]);
  });

  it('looks an order up instead of sending it again when the outcome is unknown', async () => {
    const s = setup();
    const real = s.broker.placeOrder.bind(s.broker);
    s.broker.placeOrder = async (req) => {
      await real(req); // it reached the broker…
      throw new BrokerError('unavailable', 'socket hang up'); // …but the answer was lost
    };
    await s.service.place('sim-1', market);
    await s.service.close();
    expect((await s.broker.listOrders({ status: 'all' })).length).toBe(1);
    expect(s.q('SELECT status FROM orders')).toEqual([{ status: 'filled' }]);
  });

  it('says so when the broker never got an order whose outcome is unknown, and keeps it pending', async () => {
    const s = setup();
    s.broker.placeOrder = async () => {
      throw new BrokerError('unavailable', 'connect ETIMEDOUT');
    };
    const err = await s.service.place('sim-1', market).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/did not confirm.*ETIMEDOUT/),
    });
    expect(s.q('SELECT status FROM orders')).toEqual([{ status: 'pending_new' }]);
  });

  it('recovers fills missed while the stream was down exactly once after it reconnects', async () => {
    const s = setup();
    await s.service.place('sim-1', { ...market, type: 'limit', limitPrice: '499', qty: '10' });
    s.broker.dropStreams();
    s.quotes.set('SPY', usd(498.9), usd(498.99), 4); // fills 4 of 10 while nobody hears it
    s.quotes.set('SPY', usd(498.9), usd(498.99), 6);
    s.broker.reconnectStreams(); // → reconcile
    await new Promise((r) => setTimeout(r, 50));
    s.broker.dropStreams();
    s.broker.reconnectStreams(); // a second reconnect finds nothing new
    await new Promise((r) => setTimeout(r, 50));
    await s.service.close();
    expect(s.q('SELECT COUNT(*) AS n FROM fills')).toEqual([{ n: 2n }]);
    expect(s.q('SELECT status, filled_qty FROM orders')).toEqual([
      { status: 'filled', filled_qty: 10_000_000_000n },
    ]);
    expect(s.q('SELECT qty FROM positions')).toEqual([{ qty: 10_000_000_000n }]);
    expect(rebuildOrders(s.env.db)).toEqual([]);
  });

  it('books a bracket’s legs the stream missed from the reconciliation, held and linked to the parent', async () => {
    const s = setup();
    s.broker.dropStreams(); // the legs' events are lost; the parent is booked from the broker's answer
    const { orderId } = await s.service.place('sim-1', {
      ...market,
      type: 'limit',
      limitPrice: '499',
      orderClass: 'bracket',
      takeProfit: { limitPrice: '505' },
      stopLoss: { stopPrice: '495' },
    });
    expect(s.q('SELECT COUNT(*) AS n FROM orders')).toEqual([{ n: 1n }]);
    s.broker.reconnectStreams(); // → reconcile: open orders, held legs among them
    await new Promise((r) => setTimeout(r, 50));
    await s.service.close();
    expect(
      s.q(
        'SELECT type, status, parent_order_id, source, position_effect FROM orders WHERE id <> ? ORDER BY type',
        orderId,
      ),
    ).toEqual([
      { type: 'limit', status: 'held', parent_order_id: orderId, source: 'manual', position_effect: 'close' },
      { type: 'stop', status: 'held', parent_order_id: orderId, source: 'manual', position_effect: 'close' },
    ]);
    expect(s.q('SELECT status, position_effect FROM orders WHERE id = ?', orderId)).toEqual([
      { status: 'new', position_effect: 'open' },
    ]);
    expect(rebuildOrders(s.env.db)).toEqual([]);
  });

  it('after a restart books an open order’s later fill once, and nothing twice', async () => {
    const s = setup();
    await s.service.place('sim-1', { ...market, type: 'limit', limitPrice: '499' });
    await s.service.close();
    await s.broker.close();
    const broker = s.newBroker();
    const again = s.make(broker);
    again.start(); // the stream connects and reconciles: the open order is known already
    await new Promise((r) => setTimeout(r, 50));
    s.quotes.set('SPY', usd(498.9), usd(498.99), 100);
    await new Promise((r) => setTimeout(r, 50));
    await again.close();
    expect(s.q('SELECT COUNT(*) AS n FROM orders')).toEqual([{ n: 1n }]);
    expect(s.q('SELECT COUNT(*) AS n FROM fills')).toEqual([{ n: 1n }]);
    expect(s.q('SELECT status FROM orders')).toEqual([{ status: 'filled' }]);
    expect(rebuildOrders(s.env.db)).toEqual([]);
  });

  it('refuses an order the account cannot take, before the broker sees it', async () => {
    const s = setup();
    let sent = 0;
    const real = s.broker.placeOrder.bind(s.broker);
    s.broker.placeOrder = (req) => (sent++, real(req));
    // An equity-only broker (the simulator trades options too).
    Object.defineProperty(s.broker, 'capabilities', {
      value: { ...s.broker.capabilities, assetClasses: ['us_equity'] },
    });
    const err = await s.service
      .place('sim-1', {
        ...market,
        symbol: 'SPY261218P00481000',
        assetClass: 'us_option',
        positionIntent: 'buy_to_open',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/does not trade us_option/),
    });
    expect(sent).toBe(0);
    expect(s.q('SELECT COUNT(*) AS n FROM orders')).toEqual([{ n: 0n }]);
    await expect(s.service.place('nobody', market)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('reconciliation order', () => {
  const order = (id: string, at: number, parent: string | null = null) =>
    ({ brokerOrderId: id, submittedAt: at, parentBrokerOrderId: parent }) as BrokerOrder;

  it('books every parent before its legs, oldest first otherwise, whatever order the broker lists', () => {
    // Same instant for entry and legs (as a bracket is placed), listed newest first and by id
    // descending, where 'sim-10' < 'sim-9' as text.
    const listed = [
      order('sim-11', 5, 'sim-9'),
      order('sim-10', 5, 'sim-9'),
      order('sim-9', 5),
      order('sim-2', 1),
    ];
    const ids = parentsFirst(listed).map((o) => o.brokerOrderId);
    expect(ids.indexOf('sim-9')).toBeLessThan(ids.indexOf('sim-10'));
    expect(ids.indexOf('sim-9')).toBeLessThan(ids.indexOf('sim-11'));
    expect(ids[0]).toBe('sim-2');
    expect(ids).toHaveLength(4);
    // A leg whose parent is not listed (already final) keeps its place.
    expect(parentsFirst([order('b', 2, 'gone'), order('a', 1)]).map((o) => o.brokerOrderId)).toEqual([
      'a',
      'b',
    ]);
  });
});
