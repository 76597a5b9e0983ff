/**
 * The conformance suite every broker adapter passes (as LEAN's shared brokerage tests): the
 * simulated broker against its own venue, Alpaca and Tradier against their emulators. A harness
 * gives the suite the adapter and the few venue controls it needs (set a quote, drop the
 * stream, restart the adapter); everything else goes through the port.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBrokerError } from '../errors';
import type { Broker, StreamState } from '../port';
import type { AssetClass, BrokerOrder, OrderClass, OrderRequest, OrderUpdate } from '../types';

export interface ConformanceHarness {
  broker: Broker;
  startingCash: bigint;
  /** Publishes a quote (decimal dollars) with this size at both sides. */
  quote(symbol: string, bid: string, ask: string, size?: number): Promise<void>;
  dropStream(): Promise<void>;
  reconnectStream(): Promise<void>;
  /** A new adapter over the same venue and account, as after Keel restarts. */
  restart(): Promise<Broker>;
  /** Moves the venue's market to a session phase, where the venue can (simulators). */
  phase?(phase: 'pre' | 'regular' | 'post' | 'closed'): Promise<void>;
  /** Lets the venue deliver what is pending. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const SHARE = 1_000_000_000n;
const usd = (d: string): bigint => {
  const [w, f = ''] = d.split('.');
  return BigInt(w!) * 1_000_000n + BigInt(f.padEnd(6, '0'));
};

class Recorder {
  readonly updates: OrderUpdate[] = [];
  readonly states: StreamState[] = [];
  private sub: { close(): void } | null = null;
  constructor(broker: Broker) {
    this.attach(broker);
  }
  attach(broker: Broker): void {
    this.sub?.close();
    this.sub = broker.streamOrderUpdates({
      update: (u) => this.updates.push(u),
      state: (s) => this.states.push(s),
    });
  }
  of(order: BrokerOrder): string[] {
    return this.updates.filter((u) => u.order.brokerOrderId === order.brokerOrderId).map((u) => u.kind);
  }
  close(): void {
    this.sub?.close();
    this.sub = null;
  }
}

let sequence = 0;
function request(over: Partial<OrderRequest> = {}): OrderRequest {
  sequence += 1;
  return {
    clientOrderId: `conf-${process.pid}-${sequence}`,
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

async function position(broker: Broker, symbol: string): Promise<bigint> {
  return (await broker.positions()).find((p) => p.symbol === symbol)?.qty ?? 0n;
}

export function brokerConformance(name: string, makeHarness: () => Promise<ConformanceHarness>): void {
  describe(`broker conformance: ${name}`, () => {
    let h: ConformanceHarness;
    let rec: Recorder;
    beforeEach(async () => {
      h = await makeHarness();
      rec = new Recorder(h.broker);
      await h.quote('SPY', '500.00', '500.01');
    });
    afterEach(async () => {
      rec.close();
      await h.close();
    });

    it('buys from zero at the ask, reports the fill on the stream, and holds the position', async () => {
      const placed = await h.broker.placeOrder(request());
      await h.settle();
      const order = (await h.broker.getOrder({ brokerOrderId: placed.brokerOrderId }))!;
      expect(order.status).toBe('filled');
      expect(order.filledQty).toBe(10n * SHARE);
      expect(order.avgFillPrice).toBe(usd('500.01'));
      expect(rec.of(placed)).toEqual(['new', 'fill']);
      const fill = rec.updates.find((u) => u.kind === 'fill')!.fill!;
      expect(fill).toMatchObject({
        qty: 10n * SHARE,
        cumQty: 10n * SHARE,
        leavesQty: 0n,
        price: usd('500.01'),
      });
      expect(fill.executionId).not.toBe('');
      expect(await position(h.broker, 'SPY')).toBe(10n * SHARE);
      const account = await h.broker.account();
      expect(account.cash).toBe(h.startingCash - usd('5000.10') - fill.fee);
    });

    it('closes a long at the bid and is flat afterwards', async () => {
      await h.broker.placeOrder(request());
      await h.settle();
      const close = await h.broker.placeOrder(request({ side: 'sell' }));
      await h.settle();
      expect((await h.broker.getOrder({ brokerOrderId: close.brokerOrderId }))!.avgFillPrice).toBe(
        usd('500.00'),
      );
      expect(await position(h.broker, 'SPY')).toBe(0n);
      expect((await h.broker.positions()).some((p) => p.symbol === 'SPY')).toBe(false);
    });

    it('sells short from zero and covers', async () => {
      await h.broker.placeOrder(request({ side: 'sell' }));
      await h.settle();
      expect(await position(h.broker, 'SPY')).toBe(-10n * SHARE);
      const short = (await h.broker.positions()).find((p) => p.symbol === 'SPY')!;
      expect(short.avgEntryPrice).toBe(usd('500.00'));
      await h.broker.placeOrder(request({ side: 'buy' }));
      await h.settle();
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('rests a limit order away from the market, then cancels it', async () => {
      const placed = await h.broker.placeOrder(request({ type: 'limit', limitPrice: usd('490.00') }));
      await h.settle();
      const open = await h.broker.listOrders({ status: 'open' });
      expect(open.map((o) => o.brokerOrderId)).toContain(placed.brokerOrderId);
      await h.broker.cancelOrder(placed.brokerOrderId);
      await h.settle();
      const order = (await h.broker.getOrder({ brokerOrderId: placed.brokerOrderId }))!;
      expect(order.status).toBe('canceled');
      expect(rec.of(placed)).toEqual(['new', 'canceled']);
      const again = await h.broker.cancelOrder(placed.brokerOrderId).catch((e: unknown) => e);
      expect(isBrokerError(again, 'not_cancelable')).toBe(true);
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('replaces a resting limit with a new order that then fills; the old one is replaced', async () => {
      const placed = await h.broker.placeOrder(request({ type: 'limit', limitPrice: usd('490.00') }));
      await h.settle();
      const replacement = await h.broker.replaceOrder(placed.brokerOrderId, {
        clientOrderId: `${placed.clientOrderId}-r1`,
        limitPrice: usd('500.01'),
      });
      await h.settle();
      expect(replacement.brokerOrderId).not.toBe(placed.brokerOrderId);
      const old = (await h.broker.getOrder({ brokerOrderId: placed.brokerOrderId }))!;
      expect(old.status).toBe('replaced');
      expect(old.replacedBy).toBe(replacement.brokerOrderId);
      const now = (await h.broker.getOrder({ brokerOrderId: replacement.brokerOrderId }))!;
      expect(now.replaces).toBe(placed.brokerOrderId);
      expect(now.status).toBe('filled');
      expect(await position(h.broker, 'SPY')).toBe(10n * SHARE);
    });

    it('fills a large limit order in parts, each with its own execution id and the running total', async () => {
      await h.quote('SPY', '500.00', '500.01', 40);
      const placed = await h.broker.placeOrder(
        request({ type: 'limit', limitPrice: usd('500.01'), qty: 100n * SHARE }),
      );
      await h.settle();
      await h.quote('SPY', '500.00', '500.01', 40);
      await h.settle();
      await h.quote('SPY', '500.00', '500.01', 40);
      await h.settle();
      const fills = rec.updates
        .filter((u) => u.order.brokerOrderId === placed.brokerOrderId && u.fill)
        .map((u) => u.fill!);
      expect(fills.map((f) => f.qty)).toEqual([40n * SHARE, 40n * SHARE, 20n * SHARE]);
      expect(fills.map((f) => f.cumQty)).toEqual([40n * SHARE, 80n * SHARE, 100n * SHARE]);
      expect(fills.map((f) => f.leavesQty)).toEqual([60n * SHARE, 20n * SHARE, 0n]);
      expect(new Set(fills.map((f) => f.executionId)).size).toBe(3);
      expect(rec.of(placed)).toEqual(['new', 'partial_fill', 'partial_fill', 'fill']);
    });

    it('refuses an order beyond the buying power, places nothing, and says why', async () => {
      const tooBig = request({ qty: 1_000_000n * SHARE });
      const err = await h.broker.placeOrder(tooBig).catch((e: unknown) => e);
      expect(isBrokerError(err, 'insufficient_buying_power')).toBe(true);
      expect((err as Error).message).toMatch(/buying power/i);
      expect(await h.broker.getOrder({ clientOrderId: tooBig.clientOrderId })).toBeNull();
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('refuses a second order with the same client order id and keeps the first', async () => {
      const first = await h.broker.placeOrder(request({ type: 'limit', limitPrice: usd('490.00') }));
      const err = await h.broker
        .placeOrder(request({ clientOrderId: first.clientOrderId, qty: 99n * SHARE }))
        .catch((e: unknown) => e);
      expect(isBrokerError(err, 'duplicate_client_order_id')).toBe(true);
      const kept = (await h.broker.getOrder({ clientOrderId: first.clientOrderId }))!;
      expect(kept.brokerOrderId).toBe(first.brokerOrderId);
      expect(kept.qty).toBe(10n * SHARE);
      expect((await h.broker.listOrders({ status: 'all' })).length).toBe(1);
    });

    it('loses stream events while dropped, and the fills are recovered exactly once by cursor', async () => {
      const before = await h.broker.fillsSince(null);
      await h.dropStream();
      const placed = await h.broker.placeOrder(request());
      await h.settle();
      expect(rec.of(placed)).toEqual([]);
      await h.reconnectStream();
      expect(rec.states.at(-1)).toBe('live');
      const missed = await h.broker.fillsSince(before.cursor);
      expect(missed.fills.map((f) => f.brokerOrderId)).toEqual([placed.brokerOrderId]);
      const again = await h.broker.fillsSince(missed.cursor);
      expect(again.fills).toEqual([]);
      expect((await h.broker.getOrder({ brokerOrderId: placed.brokerOrderId }))!.status).toBe('filled');
    });

    it('keeps open orders across a restart, once, and they still fill afterwards', async () => {
      const placed = await h.broker.placeOrder(request({ type: 'limit', limitPrice: usd('499.00') }));
      await h.settle();
      rec.close();
      const broker = await h.restart();
      const seen = rec.updates.length;
      rec.attach(broker);
      const open = await broker.listOrders({ status: 'open' });
      expect(open.map((o) => o.brokerOrderId)).toEqual([placed.brokerOrderId]);
      await h.quote('SPY', '498.50', '498.99');
      await h.settle();
      const after = rec.updates.slice(seen).filter((u) => u.order.brokerOrderId === placed.brokerOrderId);
      expect(after.map((u) => u.kind)).toEqual(['fill']);
      expect((await broker.fillsSince(null)).fills).toHaveLength(1);
      expect(await position(broker, 'SPY')).toBe(10n * SHARE);
    });

    it('refuses malformed orders naming the field, and places nothing', async () => {
      const cases: [OrderRequest, string][] = [
        [request({ qty: 0n }), 'qty'],
        [request({ type: 'limit' }), 'limitPrice'],
        [request({ type: 'stop' }), 'stopPrice'],
        [request({ extendedHours: true }), 'extendedHours'],
      ];
      for (const [bad, field] of cases) {
        const err = await h.broker.placeOrder(bad).catch((e: unknown) => e);
        expect(isBrokerError(err, 'invalid_order')).toBe(true);
        expect((err as Error).message).toContain(field);
      }
      expect(await h.broker.listOrders({ status: 'all' })).toEqual([]);
    });

    // ── Sessions: only for venues whose market the harness can move ─────────────────────────

    it('sessions: every day order ends when the market closes, even straight from regular (hours switched)', async (ctx) => {
      if (!h.phase) ctx.skip();
      const extended = await h.broker.placeOrder(
        request({ type: 'limit', limitPrice: usd('490.00'), extendedHours: true }),
      );
      const gtc = await h.broker.placeOrder(
        request({ type: 'limit', limitPrice: usd('490.00'), timeInForce: 'gtc' }),
      );
      await h.phase!('closed');
      await h.settle();
      expect((await get(extended)).status).toBe('expired');
      expect((await get(gtc)).status).toBe('new');
      await h.phase!('pre');
      await h.phase!('regular');
      await h.quote('SPY', '489.00', '489.50');
      await h.settle();
      expect((await get(extended)).filledQty).toBe(0n);
      expect((await get(gtc)).status).toBe('filled');
      expect(await position(h.broker, 'SPY')).toBe(10n * SHARE);
    });

    it('sessions: a CLS order fills at a real close, and expires unfilled when regular jumps to closed', async (ctx) => {
      if (!h.phase) ctx.skip();
      const atClose = await h.broker.placeOrder(request({ timeInForce: 'cls' }));
      await h.quote('SPY', '501.00', '501.01');
      await h.settle();
      expect((await get(atClose)).status).toBe('new'); // not before the close
      await h.phase!('post');
      await h.settle();
      expect(await get(atClose)).toMatchObject({ status: 'filled', avgFillPrice: usd('501.01') });
      await h.phase!('regular');
      const switched = await h.broker.placeOrder(request({ timeInForce: 'cls' }));
      await h.phase!('closed');
      await h.settle();
      expect(await get(switched)).toMatchObject({ status: 'expired', filledQty: 0n });
      expect(await position(h.broker, 'SPY')).toBe(10n * SHARE);
    });

    it('sessions: a day bracket entry filled in part expires at the close with its exits, after a restart too', async (ctx) => {
      if (!h.phase) ctx.skip();
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      // Orders before it, so its legs' ids pass a digit (sim-9 → sim-10): the venue keeps creation order.
      for (let i = 0; i < 8; i++)
        await h.broker.placeOrder(
          request({ type: 'limit', limitPrice: usd('400.00'), timeInForce: 'gtc', qty: SHARE }),
        );
      await h.quote('SPY', '500.00', '500.01', 4);
      const day = await h.broker.placeOrder(bracket({ type: 'limit', limitPrice: usd('500.01') }));
      await h.settle();
      expect((await get(day)).filledQty).toBe(4n * SHARE);
      // A GTC entry ending in part (cancelled) leaves its legs working for what it bought, GTC.
      await h.quote('QQQ', '500.00', '500.01', 2);
      const gtc = await h.broker.placeOrder(
        bracket({
          symbol: 'QQQ',
          type: 'limit',
          limitPrice: usd('500.01'),
          timeInForce: 'gtc',
          qty: 6n * SHARE,
        }),
      );
      await h.settle();
      expect((await get(gtc)).filledQty).toBe(2n * SHARE);
      await h.broker.cancelOrder(gtc.brokerOrderId);
      await h.settle();
      rec.close();
      const broker = await h.restart();
      rec.attach(broker);
      await h.phase!('post');
      await h.settle();
      expect(await get(day)).toMatchObject({ status: 'expired', filledQty: 4n * SHARE });
      expect((await legsOf(broker, day)).map((l) => [l.status, l.qty])).toEqual([
        ['expired', 4n * SHARE],
        ['expired', 4n * SHARE],
      ]);
      expect((await legsOf(broker, gtc)).map((l) => [l.status, l.qty])).toEqual([
        ['new', 2n * SHARE],
        ['new', 2n * SHARE],
      ]);
      expect((await broker.listOrders({ status: 'open' })).length).toBe(8 + 2);
      expect(await position(broker, 'SPY')).toBe(4n * SHARE);
      expect(await position(broker, 'QQQ')).toBe(2n * SHARE);
    });

    // ── Order classes and options: only for adapters that declare them ──────────────────────

    /** Skips the test, saying so, when the adapter does not declare the feature. */
    const needs = (skip: () => void, feature: { orderClass?: OrderClass; assetClass?: AssetClass }) => {
      const caps = h.broker.capabilities;
      if (feature.orderClass && !caps.orderClasses.includes(feature.orderClass)) skip();
      if (feature.assetClass && !caps.assetClasses.includes(feature.assetClass)) skip();
    };
    const legsOf = async (broker: Broker, parent: BrokerOrder) =>
      (await broker.listOrders({ status: 'all' }))
        .filter((o) => o.parentBrokerOrderId === parent.brokerOrderId)
        .sort((a, b) => (a.type < b.type ? -1 : 1));
    const get = async (o: BrokerOrder) => (await h.broker.getOrder({ brokerOrderId: o.brokerOrderId }))!;
    const bracket = (over: Partial<OrderRequest> = {}) =>
      request({
        orderClass: 'bracket',
        takeProfit: { limitPrice: usd('505.00') },
        stopLoss: { stopPrice: usd('495.00') },
        ...over,
      });

    it('bracket: the entry fills, its legs work, the take-profit fills and the stop-loss is cancelled', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const parent = await h.broker.placeOrder(bracket());
      await h.settle();
      expect((await get(parent)).status).toBe('filled');
      const [tp, sl] = await legsOf(h.broker, parent);
      expect(tp).toMatchObject({
        type: 'limit',
        side: 'sell',
        limitPrice: usd('505.00'),
        qty: 10n * SHARE,
        status: 'new',
      });
      expect(sl).toMatchObject({
        type: 'stop',
        side: 'sell',
        stopPrice: usd('495.00'),
        qty: 10n * SHARE,
        status: 'new',
      });
      expect(rec.of(tp!)).toEqual(['held', 'new']);
      await h.quote('SPY', '505.00', '505.01');
      await h.settle();
      expect((await get(tp!)).status).toBe('filled');
      expect((await get(tp!)).avgFillPrice).toBe(usd('505.00'));
      expect((await get(sl!)).status).toBe('canceled');
      expect(rec.of(tp!)).toEqual(['held', 'new', 'fill']);
      expect(rec.of(sl!)).toEqual(['held', 'new', 'canceled']);
      expect(await position(h.broker, 'SPY')).toBe(0n);
      const fees = (await h.broker.fillsSince(null)).fills.reduce((s, f) => s + f.fee, 0n);
      expect((await h.broker.account()).cash).toBe(h.startingCash - usd('5000.10') + usd('5050.00') - fees);
    });

    it('bracket: the stop-loss triggers and the take-profit is cancelled', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const parent = await h.broker.placeOrder(bracket());
      await h.settle();
      const [tp, sl] = await legsOf(h.broker, parent);
      await h.quote('SPY', '495.01', '495.02');
      await h.settle();
      expect((await get(sl!)).status).toBe('new'); // not yet: the bid is above the stop
      await h.quote('SPY', '494.90', '494.91');
      await h.settle();
      expect(await get(sl!)).toMatchObject({ status: 'filled', avgFillPrice: usd('494.90') });
      expect((await get(tp!)).status).toBe('canceled');
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('bracket: a take-profit filling in part shrinks the stop to what is left; the stop then exits the rest', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const parent = await h.broker.placeOrder(bracket());
      await h.settle();
      const [tp, sl] = await legsOf(h.broker, parent);
      await h.quote('SPY', '505.00', '505.01', 3);
      await h.settle();
      expect(await get(tp!)).toMatchObject({ status: 'partially_filled', filledQty: 3n * SHARE });
      expect(await get(sl!)).toMatchObject({ status: 'new', qty: 7n * SHARE });
      expect(rec.of(sl!)).toEqual(['held', 'new', 'new']);
      expect(rec.updates.filter((u) => u.order.brokerOrderId === sl!.brokerOrderId).at(-1)!.order.qty).toBe(
        7n * SHARE,
      );
      await h.quote('SPY', '494.90', '494.91');
      await h.settle();
      expect(await get(sl!)).toMatchObject({ status: 'filled', filledQty: 7n * SHARE });
      expect(await get(tp!)).toMatchObject({ status: 'canceled', filledQty: 3n * SHARE });
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('bracket: legs stay held while the entry rests; cancelling the entry cancels them', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const parent = await h.broker.placeOrder(
        bracket({ type: 'limit', limitPrice: usd('499.00'), takeProfit: { limitPrice: usd('499.50') } }),
      );
      await h.settle();
      const legs = await legsOf(h.broker, parent);
      expect(legs.map((l) => l.status)).toEqual(['held', 'held']);
      const open = (await h.broker.listOrders({ status: 'open' })).map((o) => o.brokerOrderId);
      expect(open).toEqual(
        expect.arrayContaining([parent.brokerOrderId, ...legs.map((l) => l.brokerOrderId)]),
      );
      // A held take-profit does not trade, even when the market is through it.
      await h.quote('SPY', '499.60', '499.61');
      await h.settle();
      expect((await get(legs[0]!)).status).toBe('held');
      await h.broker.cancelOrder(parent.brokerOrderId);
      await h.settle();
      expect((await get(parent)).status).toBe('canceled');
      for (const leg of legs) {
        expect((await get(leg)).status).toBe('canceled');
        expect(rec.of(leg)).toEqual(['held', 'canceled']);
      }
      expect(await h.broker.listOrders({ status: 'open' })).toEqual([]);
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('bracket: refuses a take-profit below a buy’s entry, naming it, and places nothing', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const bad = bracket({
        type: 'limit',
        limitPrice: usd('500.00'),
        takeProfit: { limitPrice: usd('500.00') },
      });
      const err = await h.broker.placeOrder(bad).catch((e: unknown) => e);
      expect(isBrokerError(err, 'invalid_order')).toBe(true);
      expect((err as Error).message).toContain('takeProfit.limitPrice');
      expect(await h.broker.listOrders({ status: 'all' })).toEqual([]);
    });

    it('bracket: a market entry’s legs are checked against the touch it fills at, and nothing is placed', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      // The ask is 500.01: a buy's take-profit at it, or a stop at it, would exit at once.
      const cases: [Partial<OrderRequest>, string][] = [
        [{ takeProfit: { limitPrice: usd('500.01') } }, 'takeProfit.limitPrice'],
        [
          { takeProfit: { limitPrice: usd('450.00') }, stopLoss: { stopPrice: usd('440.00') } },
          'takeProfit.limitPrice',
        ],
        [{ stopLoss: { stopPrice: usd('500.01') } }, 'stopLoss.stopPrice'],
        // A sell's base is the bid, 500.00.
        [
          { side: 'sell', takeProfit: { limitPrice: usd('500.00') }, stopLoss: { stopPrice: usd('505.00') } },
          'takeProfit.limitPrice',
        ],
        [
          { side: 'sell', takeProfit: { limitPrice: usd('495.00') }, stopLoss: { stopPrice: usd('500.00') } },
          'stopLoss.stopPrice',
        ],
      ];
      for (const [over, field] of cases) {
        const err = await h.broker.placeOrder(bracket(over)).catch((e: unknown) => e);
        expect(isBrokerError(err, 'invalid_order')).toBe(true);
        expect((err as Error).message).toContain(field);
      }
      expect(await h.broker.listOrders({ status: 'all' })).toEqual([]);
      // One tick inside is fine: a sell's exits around the bid.
      await h.broker.placeOrder(
        bracket({
          side: 'sell',
          takeProfit: { limitPrice: usd('499.99') },
          stopLoss: { stopPrice: usd('500.01') },
        }),
      );
      await h.settle();
      expect(await position(h.broker, 'SPY')).toBe(-10n * SHARE);
    });

    it('bracket: a replaced leg keeps its place and trades at its new price', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      if (!h.broker.capabilities.replace) ctx.skip();
      const parent = await h.broker.placeOrder(bracket());
      await h.settle();
      const [tp, sl] = await legsOf(h.broker, parent);
      const moved = await h.broker.replaceOrder(tp!.brokerOrderId, {
        clientOrderId: `${parent.clientOrderId}-tp2`,
        limitPrice: usd('502.00'),
      });
      await h.settle();
      expect(moved).toMatchObject({ parentBrokerOrderId: parent.brokerOrderId, limitPrice: usd('502.00') });
      expect((await get(tp!)).status).toBe('replaced');
      expect((await get(sl!)).status).toBe('new');
      await h.quote('SPY', '502.00', '502.01');
      await h.settle();
      expect((await get(moved)).status).toBe('filled');
      expect((await get(sl!)).status).toBe('canceled');
    });

    it('bracket: a replaced leg cannot close more than its entry bought, nor cross its sibling', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      if (!h.broker.capabilities.replace) ctx.skip();
      const parent = await h.broker.placeOrder(bracket());
      await h.settle();
      const [tp, sl] = await legsOf(h.broker, parent);
      const tooMany = await h.broker
        .replaceOrder(tp!.brokerOrderId, { clientOrderId: `${parent.clientOrderId}-tp2`, qty: 50n * SHARE })
        .catch((e: unknown) => e);
      expect(isBrokerError(tooMany, 'invalid_order')).toBe(true);
      expect((tooMany as Error).message).toContain('qty');
      const eleven = await h.broker
        .replaceOrder(sl!.brokerOrderId, { clientOrderId: `${parent.clientOrderId}-sl2`, qty: 11n * SHARE })
        .catch((e: unknown) => e);
      expect(isBrokerError(eleven, 'invalid_order')).toBe(true);
      const crossed = await h.broker
        .replaceOrder(tp!.brokerOrderId, {
          clientOrderId: `${parent.clientOrderId}-tp3`,
          limitPrice: usd('494.00'),
        })
        .catch((e: unknown) => e);
      expect(isBrokerError(crossed, 'invalid_order')).toBe(true);
      expect((crossed as Error).message).toContain('takeProfit.limitPrice');
      expect([(await get(tp!)).status, (await get(sl!)).status]).toEqual(['new', 'new']);
      // The whole position is still a valid exit; it then fills and leaves the account flat.
      const all = await h.broker.replaceOrder(tp!.brokerOrderId, {
        clientOrderId: `${parent.clientOrderId}-tp4`,
        qty: 10n * SHARE,
        limitPrice: usd('503.00'),
      });
      await h.quote('SPY', '503.00', '503.01');
      await h.settle();
      expect((await get(all)).status).toBe('filled');
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('bracket: a held leg cannot be cancelled (its entry would work with no exits)', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const parent = await h.broker.placeOrder(bracket({ type: 'limit', limitPrice: usd('499.00') }));
      await h.settle();
      const [tp, sl] = await legsOf(h.broker, parent);
      const err = await h.broker.cancelOrder(tp!.brokerOrderId).catch((e: unknown) => e);
      expect(isBrokerError(err, 'not_cancelable')).toBe(true);
      expect((err as Error).message).toContain('cancel the entry, or replace the exit');
      // Nor replaced past its entry: more than it is to buy, or a take-profit short of its price.
      if (h.broker.capabilities.replace) {
        const more = await h.broker
          .replaceOrder(tp!.brokerOrderId, { clientOrderId: `${parent.clientOrderId}-q`, qty: 11n * SHARE })
          .catch((e: unknown) => e);
        expect(isBrokerError(more, 'invalid_order')).toBe(true);
        expect((more as Error).message).toContain('qty');
        const under = await h.broker
          .replaceOrder(tp!.brokerOrderId, {
            clientOrderId: `${parent.clientOrderId}-p`,
            limitPrice: usd('499.00'),
          })
          .catch((e: unknown) => e);
        expect(isBrokerError(under, 'invalid_order')).toBe(true);
        expect((under as Error).message).toContain('takeProfit.limitPrice');
      }
      expect([(await get(tp!)).status, (await get(sl!)).status]).toEqual(['held', 'held']);
      await h.quote('SPY', '498.50', '498.99');
      await h.settle();
      expect((await legsOf(h.broker, parent)).map((l) => l.status)).toEqual(['new', 'new']);
      // Once working, cancelling one exit cancels the other.
      await h.broker.cancelOrder(tp!.brokerOrderId);
      await h.settle();
      expect([(await get(tp!)).status, (await get(sl!)).status]).toEqual(['canceled', 'canceled']);
    });

    it('bracket: legs released by a quote start on the next quote, not the one that filled the entry', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      // Released by a quote: the entry fills at 498.99 on a quote whose bid is through the stop.
      const resting = await h.broker.placeOrder(
        bracket({ type: 'limit', limitPrice: usd('499.00'), stopLoss: { stopPrice: usd('498.00') } }),
      );
      await h.settle();
      await h.quote('SPY', '497.00', '498.99');
      await h.settle();
      expect((await get(resting)).status).toBe('filled');
      const [, stop] = await legsOf(h.broker, resting);
      expect(await get(stop!)).toMatchObject({ status: 'new', filledQty: 0n });
      // Released at placement: a market entry fills at the ask, 500.01; its stop at the bid does not trade yet.
      await h.quote('SPY', '500.00', '500.01');
      const market = await h.broker.placeOrder(bracket({ stopLoss: { stopPrice: usd('500.00') } }));
      await h.settle();
      expect((await get(market)).status).toBe('filled');
      const [, marketStop] = await legsOf(h.broker, market);
      expect(await get(marketStop!)).toMatchObject({ status: 'new', filledQty: 0n });
      expect(await position(h.broker, 'SPY')).toBe(20n * SHARE);
      // The next quote: both stops trade.
      await h.quote('SPY', '497.00', '497.01');
      await h.settle();
      expect(await get(stop!)).toMatchObject({ status: 'filled', avgFillPrice: usd('497.00') });
      expect((await get(marketStop!)).status).toBe('filled');
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('bracket legs survive a restart, held, and are released when the entry fills', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const parent = await h.broker.placeOrder(
        bracket({ type: 'limit', limitPrice: usd('499.00'), takeProfit: { limitPrice: usd('504.00') } }),
      );
      await h.settle();
      rec.close();
      const broker = await h.restart();
      rec.attach(broker);
      const legs = await legsOf(broker, parent);
      expect(legs.map((l) => [l.type, l.status])).toEqual([
        ['limit', 'held'],
        ['stop', 'held'],
      ]);
      await h.quote('SPY', '498.50', '498.99');
      await h.settle();
      const after = await legsOf(broker, parent);
      expect(after.map((l) => l.status)).toEqual(['new', 'new']);
      await h.quote('SPY', '504.00', '504.01');
      await h.settle();
      expect((await legsOf(broker, parent)).map((l) => l.status)).toEqual(['filled', 'canceled']);
      expect(await position(broker, 'SPY')).toBe(0n);
    });

    it('bracket: only the entry needs buying power, not its exits', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'bracket' });
      const { buyingPower } = await h.broker.account();
      // As many shares as the buying power pays for at the ask, and one more.
      const most = buyingPower / usd('500.01');
      const tooMany = await h.broker
        .placeOrder(bracket({ qty: (most + 1n) * SHARE }))
        .catch((e: unknown) => e);
      expect(isBrokerError(tooMany, 'insufficient_buying_power')).toBe(true);
      const parent = await h.broker.placeOrder(bracket({ qty: most * SHARE }));
      await h.settle();
      expect((await get(parent)).status).toBe('filled');
      expect((await legsOf(h.broker, parent)).map((l) => [l.status, l.qty])).toEqual([
        ['new', most * SHARE],
        ['new', most * SHARE],
      ]);
    });

    it('oto: the entry releases its one leg', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'oto' });
      const parent = await h.broker.placeOrder(
        request({ orderClass: 'oto', stopLoss: { stopPrice: usd('490.00') } }),
      );
      await h.settle();
      const legs = await legsOf(h.broker, parent);
      expect(legs).toHaveLength(1);
      expect(legs[0]).toMatchObject({ type: 'stop', side: 'sell', status: 'new', stopPrice: usd('490.00') });
      await h.quote('SPY', '489.00', '489.01');
      await h.settle();
      expect((await get(legs[0]!)).status).toBe('filled');
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('oco: both exits of a position work at once; one filling cancels the other', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'oco' });
      await h.broker.placeOrder(request());
      await h.settle();
      const oco = request({
        side: 'sell',
        type: 'limit',
        limitPrice: usd('505.00'),
        orderClass: 'oco',
        takeProfit: { limitPrice: usd('505.00') },
        stopLoss: { stopPrice: usd('495.00'), limitPrice: usd('494.00') },
      });
      const parent = await h.broker.placeOrder(oco);
      await h.settle();
      const [stop] = await legsOf(h.broker, parent);
      expect(parent).toMatchObject({ type: 'limit', limitPrice: usd('505.00'), status: 'new' });
      expect(stop).toMatchObject({
        type: 'stop_limit',
        side: 'sell',
        status: 'new',
        stopPrice: usd('495.00'),
      });
      await h.quote('SPY', '494.50', '494.51');
      await h.settle();
      expect((await get(stop!)).status).toBe('filled');
      expect((await get(parent)).status).toBe('canceled');
      expect(rec.of(parent)).toEqual(['new', 'canceled']);
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('oco: a second OCO over the same shares is refused; what is left of the position can still be exited', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'oco' });
      await h.broker.placeOrder(request({ qty: 15n * SHARE }));
      await h.settle();
      const oco = (qty: bigint) =>
        request({
          side: 'sell',
          type: 'limit',
          limitPrice: usd('505.00'),
          timeInForce: 'gtc',
          qty,
          orderClass: 'oco',
          takeProfit: { limitPrice: usd('505.00') },
          stopLoss: { stopPrice: usd('495.00') },
        });
      await h.broker.placeOrder(oco(10n * SHARE));
      const twice = await h.broker.placeOrder(oco(10n * SHARE)).catch((e: unknown) => e);
      expect(isBrokerError(twice, 'rejected')).toBe(true);
      const six = await h.broker.placeOrder(oco(6n * SHARE)).catch((e: unknown) => e);
      expect(isBrokerError(six, 'rejected')).toBe(true);
      await h.broker.placeOrder(oco(5n * SHARE));
      await h.quote('SPY', '505.00', '505.01');
      await h.settle();
      expect(await position(h.broker, 'SPY')).toBe(0n);
    });

    it('oco: refused without a position to exit', async (ctx) => {
      needs(() => ctx.skip(), { orderClass: 'oco' });
      const err = await h.broker
        .placeOrder(
          request({
            side: 'sell',
            type: 'limit',
            limitPrice: usd('505.00'),
            orderClass: 'oco',
            takeProfit: { limitPrice: usd('505.00') },
            stopLoss: { stopPrice: usd('495.00') },
          }),
        )
        .catch((e: unknown) => e);
      expect(isBrokerError(err, 'rejected')).toBe(true);
      expect(await h.broker.listOrders({ status: 'all' })).toEqual([]);
    });

    /** A call on SPY struck at 500, expiring about a month after the market's time. */
    const contract = async () => {
      const spy = (await h.broker.latestQuotes(['SPY'])).get('SPY')!;
      const ymd = new Date(spy.at + 30 * 86_400_000).toISOString().slice(2, 10).replaceAll('-', '');
      return `SPY${ymd}C00500000`;
    };
    const option = (symbol: string, over: Partial<OrderRequest>) =>
      request({ symbol, assetClass: 'us_option', qty: 2n * SHARE, ...over });

    it('options: buys to open at the ask and sells to close at the bid, a contract worth 100 shares', async (ctx) => {
      needs(() => ctx.skip(), { assetClass: 'us_option' });
      const symbol = await contract();
      const q = (await h.broker.latestQuotes([symbol])).get(symbol)!;
      expect(q.ask).toBeGreaterThan(q.bid);
      const open = await h.broker.placeOrder(option(symbol, { positionIntent: 'buy_to_open' }));
      await h.settle();
      const bought = await get(open);
      expect(bought).toMatchObject({ status: 'filled', avgFillPrice: q.ask, positionIntent: 'buy_to_open' });
      const [buyFill] = (await h.broker.fillsSince(null)).fills;
      expect(buyFill!.fee).toBeGreaterThan(0n); // option fees apply
      expect((await h.broker.account()).cash).toBe(h.startingCash - q.ask * 2n * 100n - buyFill!.fee);
      expect(await position(h.broker, symbol)).toBe(2n * SHARE);
      const bid = (await h.broker.latestQuotes([symbol])).get(symbol)!.bid;
      const close = await h.broker.placeOrder(
        option(symbol, { side: 'sell', positionIntent: 'sell_to_close' }),
      );
      await h.settle();
      expect(await get(close)).toMatchObject({ status: 'filled', avgFillPrice: bid });
      const fees = (await h.broker.fillsSince(null)).fills.reduce((s, f) => s + f.fee, 0n);
      expect((await h.broker.account()).cash).toBe(h.startingCash - (q.ask - bid) * 200n - fees);
      expect(await position(h.broker, symbol)).toBe(0n);
    });

    it('options: a sell_to_close replaced above the contracts held is refused', async (ctx) => {
      needs(() => ctx.skip(), { assetClass: 'us_option' });
      if (!h.broker.capabilities.replace) ctx.skip();
      const symbol = await contract();
      await h.broker.placeOrder(option(symbol, { positionIntent: 'buy_to_open' }));
      await h.settle();
      const ask = (await h.broker.latestQuotes([symbol])).get(symbol)!.ask;
      const close = await h.broker.placeOrder(
        option(symbol, {
          side: 'sell',
          positionIntent: 'sell_to_close',
          type: 'limit',
          limitPrice: ask * 3n,
        }),
      );
      await h.settle();
      const more = await h.broker
        .replaceOrder(close.brokerOrderId, { clientOrderId: `${close.clientOrderId}-r`, qty: 3n * SHARE })
        .catch((e: unknown) => e);
      expect(isBrokerError(more, 'rejected')).toBe(true);
      expect((await get(close)).status).toBe('new');
      // Its own reserve does not count against it: the same two contracts at another price are fine.
      const moved = await h.broker.replaceOrder(close.brokerOrderId, {
        clientOrderId: `${close.clientOrderId}-r2`,
        limitPrice: ask * 2n,
      });
      expect(moved.qty).toBe(2n * SHARE);
      expect(await position(h.broker, symbol)).toBe(2n * SHARE);
    });

    it('options: sell_to_close without a long of that many contracts is refused, and places nothing', async (ctx) => {
      needs(() => ctx.skip(), { assetClass: 'us_option' });
      const symbol = await contract();
      const none = await h.broker
        .placeOrder(option(symbol, { side: 'sell', positionIntent: 'sell_to_close' }))
        .catch((e: unknown) => e);
      expect(isBrokerError(none, 'rejected')).toBe(true);
      expect(await h.broker.listOrders({ status: 'all' })).toEqual([]);
      await h.broker.placeOrder(option(symbol, { positionIntent: 'buy_to_open', qty: 1n * SHARE }));
      await h.settle();
      const more = await h.broker
        .placeOrder(option(symbol, { side: 'sell', positionIntent: 'sell_to_close' }))
        .catch((e: unknown) => e);
      expect(isBrokerError(more, 'rejected')).toBe(true);
      const write = await h.broker
        .placeOrder(option(symbol, { side: 'sell', positionIntent: 'sell_to_open' }))
        .catch((e: unknown) => e);
      expect(isBrokerError(write, 'rejected')).toBe(true);
      expect(await position(h.broker, symbol)).toBe(1n * SHARE);
    });
  });
}
