import { afterEach, describe, expect, it } from 'vitest';
import type { EventFrame } from '../contract/http';
import type { Order, Position, Quote } from '../contract';
import { simTrading } from '../brokers/sim/setup';
import { startEngine } from '../engine';
import type { Engine } from '../engine/types';
import { rebuildOrders } from '../orders/journal';
import { openDb } from '../store/db';
import { demoDataDir } from '../testing/fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function engineWithSim(): Promise<{ engine: Engine; dir: string; frames: EventFrame[] }> {
  const d = demoDataDir();
  const engine = await startEngine({
    dataDir: d.dir,
    shell: 'headless',
    trading: simTrading({ mode: 'always' }),
  });
  cleanups.push(d.cleanup, () => engine.close());
  const frames: EventFrame[] = [];
  engine
    .openEvents((f) => frames.push(f))
    .subscribe([
      { event: 'order.updated', key: 'demo' },
      { event: 'fill.created', key: 'demo' },
      { event: 'quote', key: 'sim:SPY' },
    ]);
  // Trading starts once the book is there.
  await expect.poll(async () => (await engine.dispatch('quotes.latest', { symbols: ['SPY'] })).ok).toBe(true);
  return { engine, dir: d.dir, frames };
}

async function data<T>(engine: Engine, channel: string, request: unknown = {}): Promise<T> {
  const r = await engine.dispatch(channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

describe('trading through the engine, at the simulated broker', () => {
  it('quotes the demo universe from its last close, one cent wide on SPY, and pushes ticks', async () => {
    const { engine, frames } = await engineWithSim();
    const [spy] = await data<Quote[]>(engine, 'quotes.latest', { symbols: ['SPY'] });
    expect(spy!.feed).toBe('sim');
    expect(Number(spy!.ask) - Number(spy!.bid)).toBeCloseTo(0.01, 9);
    expect(Number(spy!.bid)).toBeGreaterThan(100);
    await expect
      .poll(() => frames.filter((f) => f.event === 'quote').length, { timeout: 5_000 })
      .toBeGreaterThan(2);
    // Pushed quotes are keyed by their feed and symbol; this client asked for the simulated SPY only.
    for (const f of frames.filter((x) => x.event === 'quote')) {
      expect(f.key).toBe('sim:SPY');
      expect(f.payload).toMatchObject({ feed: 'sim', symbol: 'SPY' });
    }
  });

  it('fills a market order at the ask, books it, and pushes the order and the fill', async () => {
    const { engine, dir, frames } = await engineWithSim();
    const before = await data<Position[]>(engine, 'positions.list');
    const had = Number(before.find((p) => p.symbol === 'SPY')?.qty ?? 0);
    const order = await data<Order>(engine, 'orders.place', {
      symbol: 'SPY',
      side: 'buy',
      type: 'market',
      qty: '3',
    });
    expect(order).toMatchObject({
      accountId: 'demo',
      symbol: 'SPY',
      status: 'filled',
      filledQty: '3',
      source: 'manual',
    });
    const after = await data<Position[]>(engine, 'positions.list');
    expect(Number(after.find((p) => p.symbol === 'SPY')!.qty)).toBe(had + 3);
    const closed = await data<Order[]>(engine, 'orders.list', { status: 'closed', limit: 1 });
    expect(closed[0]!.id).toBe(order.id);
    const fills = await data<{ orderId: string; qty: string }[]>(engine, 'fills.list', { limit: 1 });
    expect(fills[0]).toMatchObject({ orderId: order.id, qty: '3' });
    expect(frames.some((f) => f.event === 'order.updated' && (f.payload as Order).status === 'filled')).toBe(
      true,
    );
    expect(frames.some((f) => f.event === 'fill.created')).toBe(true);
    const db = openDb(dir, { readonly: true });
    try {
      expect(rebuildOrders(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a malformed order naming the field, and a refused one with the broker’s reason', async () => {
    const { engine } = await engineWithSim();
    expect(
      await engine.dispatch('orders.place', { symbol: 'SPY', side: 'buy', type: 'limit', qty: '1' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        message: expect.stringMatching(/limitPrice: a limit order needs a limit price/),
      },
    });
    expect(
      await engine.dispatch('orders.place', { symbol: 'SPY', side: 'buy', type: 'market', qty: '100000' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringMatching(/insufficient buying power/i) },
    });
    const rejected = await data<Order[]>(engine, 'orders.list', { status: 'closed', limit: 1 });
    expect(rejected[0]).toMatchObject({ status: 'rejected', rejectReason: 'insufficient buying power' });
  });

  it('rests a limit order below the market and cancels it', async () => {
    const { engine } = await engineWithSim();
    const [spy] = await data<Quote[]>(engine, 'quotes.latest', { symbols: ['SPY'] });
    const limit = (Number(spy!.bid) * 0.8).toFixed(2);
    const order = await data<Order>(engine, 'orders.place', {
      symbol: 'SPY',
      side: 'buy',
      type: 'limit',
      limitPrice: limit,
      qty: '1',
    });
    expect(order.status).toBe('new');
    expect((await data<Order[]>(engine, 'orders.list', { status: 'open' })).map((o) => o.id)).toContain(
      order.id,
    );
    await data<Order>(engine, 'orders.cancel', { orderId: order.id });
    await expect
      .poll(async () => (await data<Order[]>(engine, 'orders.list', { status: 'open' })).length)
      .toBe(0);
  });

  it('replaces a working order with one that fills; the old one points at it', async () => {
    const { engine } = await engineWithSim();
    const [spy] = await data<Quote[]>(engine, 'quotes.subscribe', { symbols: ['SPY'] });
    const low = (Number(spy!.bid) * 0.8).toFixed(2);
    const old = await data<Order>(engine, 'orders.place', {
      symbol: 'SPY',
      side: 'buy',
      type: 'limit',
      limitPrice: low,
      qty: '2',
    });
    const high = (Number(spy!.ask) * 1.05).toFixed(2);
    const next = await data<Order>(engine, 'orders.replace', { orderId: old.id, limitPrice: high });
    expect(next).toMatchObject({ replacesOrderId: old.id, limitPrice: expect.any(String), qty: '2' });
    await expect
      .poll(async () =>
        (await data<Order[]>(engine, 'orders.list', { status: 'closed', limit: 5 })).map((o) => [
          o.id,
          o.status,
        ]),
      )
      .toEqual(
        expect.arrayContaining([
          [old.id, 'replaced'],
          [next.id, 'filled'],
        ]),
      );
    const closed = await data<Order[]>(engine, 'orders.list', { status: 'closed', limit: 5 });
    expect(closed.find((o) => o.id === old.id)!.replacedByOrderId).toBe(next.id);
    expect(await engine.dispatch('orders.replace', { orderId: old.id, limitPrice: high })).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: `Order ${old.id} is replaced; only a working order can be replaced.`,
      },
    });
  });

  it('reports the broker’s balances: equity, cash and buying power', async () => {
    const { engine } = await engineWithSim();
    const b = await data<{ equity: string; cash: string; buyingPower: string; longMarketValue: string }>(
      engine,
      'account.balances',
    );
    expect(Number(b.equity)).toBeGreaterThan(100_000);
    expect(Number(b.buyingPower)).toBeGreaterThan(0);
    expect(Number(b.cash) + Number(b.longMarketValue)).toBeCloseTo(Number(b.equity), -1);
  });

  it('places a bracket: parent and legs linked in the book, legs held then working, one cancel takes both', async () => {
    const { engine, dir } = await engineWithSim();
    const [spy] = await data<Quote[]>(engine, 'quotes.latest', { symbols: ['SPY'] });
    const takeProfit = (Number(spy!.ask) * 1.2).toFixed(2);
    const stop = (Number(spy!.bid) * 0.8).toFixed(2);
    const parent = await data<Order>(engine, 'orders.place', {
      symbol: 'SPY',
      side: 'buy',
      type: 'market',
      qty: '2',
      orderClass: 'bracket',
      takeProfit: { limitPrice: takeProfit },
      stopLoss: { stopPrice: stop },
    });
    expect(parent).toMatchObject({
      orderClass: 'bracket',
      status: 'filled',
      source: 'manual',
      positionEffect: 'open',
    });
    const legsOf = async () =>
      (await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 20 }))
        .filter((o) => o.parentOrderId === parent.id)
        .sort((a, b) => (a.type < b.type ? -1 : 1));
    await expect.poll(async () => (await legsOf()).map((l) => l.status)).toEqual(['new', 'new']);
    const [tp, sl] = await legsOf();
    expect(tp).toMatchObject({
      type: 'limit',
      side: 'sell',
      limitPrice: takeProfit,
      qty: '2',
      source: 'manual',
      positionEffect: 'close',
    });
    expect(sl).toMatchObject({ type: 'stop', side: 'sell', stopPrice: stop, qty: '2', source: 'manual' });
    expect(tp!.clientOrderId).not.toBe(parent.clientOrderId);
    const db = openDb(dir, { readonly: true });
    try {
      const kinds = (id: string) =>
        db.prepare('SELECT kind FROM order_events WHERE order_id = ? ORDER BY seq').pluck().all(id);
      expect(kinds(tp!.id)).toEqual(['held', 'new']);
      await data<Order>(engine, 'orders.cancel', { orderId: tp!.id });
      await expect.poll(async () => (await legsOf()).map((l) => l.status)).toEqual(['canceled', 'canceled']);
      expect(kinds(sl!.id)).toEqual(['held', 'new', 'canceled']);
      expect(rebuildOrders(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses an invalid bracket naming the field, before the broker sees it', async () => {
    const { engine } = await engineWithSim();
    const before = (await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 500 })).length;
    expect(
      await engine.dispatch('orders.place', {
        symbol: 'SPY',
        side: 'buy',
        type: 'limit',
        limitPrice: '100',
        qty: '1',
        orderClass: 'bracket',
        takeProfit: { limitPrice: '99' },
        stopLoss: { stopPrice: '95' },
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        message: expect.stringMatching(
          /takeProfit\.limitPrice: a buy’s take-profit must be above the entry price 100/,
        ),
      },
    });
    expect((await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 500 })).length).toBe(before);
  });
});
