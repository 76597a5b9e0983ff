import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quote } from '../types';
import { match, roundToTick, tickSize, trailingStop, type Working } from './matching';

const SHARE = 1_000_000_000n;
const usd = (d: number) => BigInt(Math.round(d * 1e6));

function quote(bid: number, ask: number, bidSize = 300, askSize = 300): Quote {
  return { symbol: 'SPY', bid: usd(bid), ask: usd(ask), bidSize, askSize, last: null, at: 0 };
}

function order(over: Partial<Working> = {}): Working {
  return {
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    leaves: 100n * SHARE,
    limitPrice: null,
    stopPrice: null,
    trail: null,
    triggered: false,
    anchor: null,
    ...over,
  };
}

describe('option orders', () => {
  it('walk the book in option ticks: a cent below $3, a nickel from $3', () => {
    const option = order({ leaves: 250n * SHARE, assetClass: 'us_option' });
    expect(match(option, quote(0.49, 0.5, 100, 100)).executions).toEqual([
      { qty: 100n * SHARE, price: usd(0.5) },
      { qty: 100n * SHARE, price: usd(0.51) },
      { qty: 50n * SHARE, price: usd(0.52) },
    ]);
    expect(match({ ...option, side: 'sell' }, quote(3.1, 3.2, 100, 100)).executions).toEqual([
      { qty: 100n * SHARE, price: usd(3.1) },
      { qty: 100n * SHARE, price: usd(3.05) },
      { qty: 50n * SHARE, price: usd(3.0) },
    ]);
    // With slippage the price stays on an option tick, away from the trader.
    const slipped = match(option, quote(0.49, 0.5, 1_000, 1_000), { slippageBps: 30, maxLevels: 20 });
    expect(slipped.executions).toEqual([{ qty: 250n * SHARE, price: usd(0.51) }]);
  });
});

describe('market orders', () => {
  it('fill at the touch: a buy at the ask, a sell at the bid', () => {
    expect(match(order(), quote(500.0, 500.01)).executions).toEqual([
      { qty: 100n * SHARE, price: usd(500.01) },
    ]);
    expect(match(order({ side: 'sell' }), quote(500.0, 500.01)).executions).toEqual([
      { qty: 100n * SHARE, price: usd(500.0) },
    ]);
  });

  it('walk the book one tick per displayed size beyond the touch', () => {
    const r = match(order({ leaves: 700n * SHARE }), quote(500.0, 500.01, 300, 300));
    expect(r.executions).toEqual([
      { qty: 300n * SHARE, price: usd(500.01) },
      { qty: 300n * SHARE, price: usd(500.02) },
      { qty: 100n * SHARE, price: usd(500.03) },
    ]);
    expect(r.next.leaves).toBe(0n);
    const sell = match(order({ side: 'sell', leaves: 400n * SHARE }), quote(500.0, 500.01, 300, 300));
    expect(sell.executions.map((e) => e.price)).toEqual([usd(500.0), usd(499.99)]);
  });

  it('add slippage in basis points, rounded against the trader', () => {
    const model = { slippageBps: 5, maxLevels: 20 };
    // 5 bps of $500.01 = $0.250005 → $500.260005, rounded up to $500.27.
    expect(match(order(), quote(500.0, 500.01), model).executions[0]!.price).toBe(usd(500.27));
    expect(match(order({ side: 'sell' }), quote(500.0, 500.01), model).executions[0]!.price).toBe(
      usd(499.75),
    );
  });

  it('leave the rest for the next tick when the book runs out of levels', () => {
    const r = match(order({ leaves: 1_000n * SHARE }), quote(10, 10.01, 100, 100), {
      slippageBps: 0,
      maxLevels: 3,
    });
    expect(r.executions).toHaveLength(3);
    expect(r.next.leaves).toBe(700n * SHARE);
    expect(r.cancelRest).toBe(false);
  });
});

describe('limit orders', () => {
  it('fill only when marketable, at the touch, at most the displayed size per tick', () => {
    const buy = order({ type: 'limit', limitPrice: usd(500.05), leaves: 500n * SHARE });
    expect(match(buy, quote(500.05, 500.06)).executions).toEqual([]);
    const r = match(buy, quote(500.02, 500.03, 300, 200));
    expect(r.executions).toEqual([{ qty: 200n * SHARE, price: usd(500.03) }]);
    expect(r.next.leaves).toBe(300n * SHARE);
  });

  it('a sell limit fills at the bid when the bid reaches it', () => {
    const sell = order({ side: 'sell', type: 'limit', limitPrice: usd(501) });
    expect(match(sell, quote(500.99, 501.0)).executions).toEqual([]);
    expect(match(sell, quote(501.0, 501.01)).executions).toEqual([{ qty: 100n * SHARE, price: usd(501.0) }]);
  });

  it('never trade through their limit, for any quote and slippage', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: -200, max: 200 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 0, max: 50 }),
        (side, bidCents, spreadCents, limitOffsetCents, size, slippageBps) => {
          const q = quote(bidCents / 100, (bidCents + spreadCents) / 100, size, size);
          const limit = usd((bidCents + limitOffsetCents) / 100);
          const r = match(order({ side, type: 'limit', limitPrice: limit, leaves: 10_000n * SHARE }), q, {
            slippageBps,
            maxLevels: 20,
          });
          for (const e of r.executions)
            expect(side === 'buy' ? e.price <= limit : e.price >= limit).toBe(true);
          const filled = r.executions.reduce((s, e) => s + e.qty, 0n);
          expect(filled <= BigInt(size) * SHARE).toBe(true);
          expect(r.next.leaves).toBe(10_000n * SHARE - filled);
        },
      ),
    );
  });
});

describe('stops', () => {
  it('a buy stop waits for the ask to reach the stop, then takes the market', () => {
    const stop = order({ type: 'stop', stopPrice: usd(505) });
    const before = match(stop, quote(504.98, 504.99));
    expect(before.executions).toEqual([]);
    expect(before.next.triggered).toBe(false);
    const after = match(before.next, quote(504.99, 505.0));
    expect(after.executions).toEqual([{ qty: 100n * SHARE, price: usd(505.0) }]);
    expect(after.next.triggered).toBe(true);
  });

  it('a sell stop-limit triggers on the bid and then will not sell below its limit', () => {
    const sl = order({ side: 'sell', type: 'stop_limit', stopPrice: usd(495), limitPrice: usd(494.5) });
    const gapped = match(sl, quote(494.0, 494.01));
    expect(gapped.next.triggered).toBe(true);
    expect(gapped.executions).toEqual([]);
    expect(match(gapped.next, quote(494.6, 494.61)).executions).toEqual([
      { qty: 100n * SHARE, price: usd(494.6) },
    ]);
  });
});

describe('trailing stops', () => {
  it('a sell trails the highest bid by the amount and triggers when the bid falls to it', () => {
    let o = order({ side: 'sell', type: 'trailing_stop', trail: { kind: 'price', amount: usd(1) } });
    for (const bid of [500, 502, 501.5]) o = match(o, quote(bid, bid + 0.01)).next;
    expect(o.anchor).toBe(usd(502));
    expect(o.stopPrice).toBe(usd(501));
    expect(match(o, quote(501.01, 501.02)).executions).toEqual([]);
    expect(match(o, quote(501.0, 501.01)).executions).toEqual([{ qty: 100n * SHARE, price: usd(501) }]);
  });

  it('a buy trails the lowest ask by a percentage', () => {
    expect(trailingStop('buy', usd(200), { kind: 'percent', bps: 150 })).toBe(usd(203));
    let o = order({ type: 'trailing_stop', trail: { kind: 'percent', bps: 100 } });
    for (const ask of [100, 99, 99.5]) o = match(o, quote(ask - 0.01, ask)).next;
    expect(o.anchor).toBe(usd(99));
    expect(o.stopPrice).toBe(usd(99.99));
  });

  it('a sell stop never moves down, whatever the bids do', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 2_000 }), { minLength: 1, maxLength: 50 }),
        (bids) => {
          let o = order({ side: 'sell', type: 'trailing_stop', trail: { kind: 'price', amount: usd(5) } });
          let last = -1n;
          for (const b of bids) {
            const r = match(o, quote(b / 10, b / 10 + 0.01));
            if (r.next.triggered) break;
            expect(r.next.stopPrice! >= last).toBe(true);
            last = r.next.stopPrice!;
            o = r.next;
          }
        },
      ),
    );
  });
});

describe('IOC and FOK', () => {
  it('IOC fills what is there and cancels the rest', () => {
    const r = match(
      order({ type: 'limit', timeInForce: 'ioc', limitPrice: usd(10.01), leaves: 500n * SHARE }),
      quote(10, 10.01, 100, 200),
    );
    expect(r.executions).toEqual([{ qty: 200n * SHARE, price: usd(10.01) }]);
    expect(r.cancelRest).toBe(true);
  });

  it('FOK fills everything now or nothing', () => {
    const fok = order({ type: 'limit', timeInForce: 'fok', limitPrice: usd(10.01), leaves: 500n * SHARE });
    const none = match(fok, quote(10, 10.01, 100, 200));
    expect(none.executions).toEqual([]);
    expect(none.next.leaves).toBe(500n * SHARE);
    expect(none.cancelRest).toBe(true);
    const all = match(fok, quote(10, 10.01, 100, 500));
    expect(all.executions).toEqual([{ qty: 500n * SHARE, price: usd(10.01) }]);
    expect(all.cancelRest).toBe(false);
  });
});

describe('ticks', () => {
  it('are a cent from $1 and a hundredth of a cent below', () => {
    expect(tickSize(usd(1))).toBe(usd(0.01));
    expect(tickSize(usd(0.5), 'us_option')).toBe(usd(0.01));
    expect(tickSize(usd(2.99), 'us_option')).toBe(usd(0.01));
    expect(tickSize(usd(3), 'us_option')).toBe(usd(0.05));
    expect(roundToTick(usd(3.12), 'buy', 'us_option')).toBe(usd(3.15));
    expect(roundToTick(usd(0.504), 'sell', 'us_option')).toBe(usd(0.5));
    expect(tickSize(usd(0.9999))).toBe(usd(0.0001));
    expect(roundToTick(usd(10.001), 'buy')).toBe(usd(10.01));
    expect(roundToTick(usd(10.009), 'sell')).toBe(usd(10.0));
    expect(roundToTick(usd(10.02), 'buy')).toBe(usd(10.02));
  });
});
