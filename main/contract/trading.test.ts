import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, OrderChanges, OrderRequest } from './trading';

const market = { symbol: 'SPY', side: 'buy', type: 'market', qty: '10' } as const;

function issues(input: unknown): string[] {
  const r = OrderRequest.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('order requests', () => {
  it('take a plain market order and fill in the defaults', () => {
    expect(OrderRequest.parse(market)).toEqual({
      ...market,
      assetClass: 'us_equity',
      timeInForce: 'day',
      extendedHours: false,
      orderClass: 'simple',
    });
  });

  it('accept tickers with a class suffix and OCC option symbols', () => {
    expect(issues({ ...market, symbol: 'BRK.B' })).toEqual([]);
    expect(
      issues({
        ...market,
        symbol: 'SPY261218P00481000',
        assetClass: 'us_option',
        positionIntent: 'buy_to_open',
      }),
    ).toEqual([]);
    expect(issues({ ...market, symbol: 'spy' })[0]).toMatch(/^symbol: /);
    expect(issues({ ...market, symbol: 'SPY; DROP' })[0]).toMatch(/^symbol: /);
  });

  it('name the field that is wrong', () => {
    expect(issues({ ...market, qty: '0' })).toEqual(['qty: must be greater than zero']);
    expect(issues({ ...market, qty: '-5' })).toEqual(['qty: must be greater than zero']);
    expect(issues({ ...market, qty: '1e3' })[0]).toMatch(/^qty: expected a decimal/);
    expect(issues({ ...market, type: 'limit' })).toEqual(['limitPrice: a limit order needs a limit price']);
    expect(issues({ ...market, limitPrice: '500' })).toEqual([
      'limitPrice: a market order takes no limit price',
    ]);
    expect(issues({ ...market, type: 'stop_limit', limitPrice: '1' })).toEqual([
      'stopPrice: a stop_limit order needs a stop price',
    ]);
    expect(issues({ ...market, type: 'trailing_stop' })).toEqual([
      'trailPrice: a trailing stop needs a trail price or a trail percent (one of them)',
    ]);
    expect(issues({ ...market, type: 'trailing_stop', trailPrice: '1', trailPercent: '2' })[0]).toMatch(
      /^trailPrice/,
    );
    expect(issues({ ...market, extendedHours: true })).toEqual([
      'extendedHours: only limit orders with time in force day trade outside regular hours',
    ]);
    expect(issues({ ...market, symbol: 'SPY261218P00481000', assetClass: 'us_option' })[0]).toMatch(
      /^positionIntent: /,
    );
    expect(issues({ ...market, positionIntent: 'buy_to_open' })[0]).toMatch(/^positionIntent: /);
    expect(issues({ ...market, clientOrderId: 'has space' })[0]).toMatch(/^clientOrderId: /);
    expect(issues({ ...market, venue: 'x' })[0]).toMatch(/venue/);
  });

  it('take a limit order with extended hours', () => {
    expect(issues({ ...market, type: 'limit', limitPrice: '500.01', extendedHours: true })).toEqual([]);
  });
});

const bracket = {
  symbol: 'SPY',
  side: 'buy',
  type: 'limit',
  limitPrice: '500',
  qty: '10',
  orderClass: 'bracket',
  takeProfit: { limitPrice: '510' },
  stopLoss: { stopPrice: '490' },
} as const;
const occ = { symbol: 'SPY261218P00481000', assetClass: 'us_option', type: 'market', qty: '2' } as const;
const cents = (c: number) => (c / 100).toFixed(2);

describe('decimal comparison', () => {
  it('orders decimals exactly, whatever their scale', () => {
    expect(compareDecimal('500', '500.00')).toBe(0);
    expect(compareDecimal('500.01', '500')).toBe(1);
    expect(compareDecimal('0.5', '0.49999999')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (a, b) => {
        expect(compareDecimal(cents(a), cents(b))).toBe(Math.sign(a - b));
      }),
    );
  });
});

describe('order classes', () => {
  it('take a bracket, an OTO and an OCO', () => {
    expect(issues(bracket)).toEqual([]);
    expect(issues({ ...bracket, orderClass: 'oto', stopLoss: undefined })).toEqual([]);
    expect(issues({ ...bracket, type: 'market', limitPrice: undefined })).toEqual([]);
  });

  it('refuse legs where they do not belong, and missing legs, naming the field', () => {
    expect(issues({ ...market, takeProfit: { limitPrice: '1' } })).toEqual([
      'takeProfit: a simple order takes no take-profit; use orderClass bracket, oto or oco',
    ]);
    expect(issues({ ...market, stopLoss: { stopPrice: '1' } })[0]).toMatch(/^stopLoss: /);
    expect(issues({ ...bracket, takeProfit: undefined })).toEqual([
      'takeProfit: a bracket order needs a take-profit (takeProfit.limitPrice)',
    ]);
    expect(issues({ ...bracket, stopLoss: undefined })).toEqual([
      'stopLoss: a bracket order needs a stop-loss (stopLoss.stopPrice)',
    ]);
    expect(issues({ ...bracket, orderClass: 'oto' })).toEqual([
      'takeProfit: an oto order needs exactly one leg: a take-profit or a stop-loss',
    ]);
    expect(issues({ ...bracket, orderClass: 'oto', takeProfit: undefined, stopLoss: undefined })[0]).toMatch(
      /^takeProfit: an oto order needs exactly one leg/,
    );
    expect(issues({ ...bracket, timeInForce: 'ioc' })).toEqual([
      'timeInForce: a bracket order is day or gtc',
    ]);
    expect(issues({ ...bracket, extendedHours: true })).toContain(
      'extendedHours: a bracket order trades in regular hours only',
    );
    expect(issues({ ...bracket, takeProfit: { limitPrice: '0' } })[0]).toMatch(
      /^takeProfit.limitPrice: must be/,
    );
    expect(issues({ ...bracket, takeProfit: { limitPrice: '510', extra: 1 } })[0]).toMatch(/^takeProfit/);
    expect(issues({ ...bracket, stopLoss: { stopPrice: '490', limitPrice: '491' } })).toEqual([
      "stopLoss.limitPrice: a sell stop-limit's limit price must be at or below its stop price",
    ]);
  });

  it('an OCO is a limit exit with both legs on the right sides', () => {
    const oco = { ...bracket, side: 'sell', orderClass: 'oco', limitPrice: undefined } as const;
    expect(issues(oco)).toEqual([]);
    expect(issues({ ...oco, limitPrice: '510' })).toEqual([]);
    expect(issues({ ...oco, limitPrice: '511' })).toEqual([
      'limitPrice: an oco order’s limit price is its take-profit’s; give it once',
    ]);
    expect(issues({ ...oco, type: 'market' })).toContain(
      'type: an oco order is of type limit (its take-profit)',
    );
    expect(issues({ ...oco, takeProfit: { limitPrice: '490' } })).toEqual([
      'takeProfit.limitPrice: an oco sell’s take-profit must be above its stop-loss',
    ]);
    expect(
      issues({ ...oco, side: 'buy', takeProfit: { limitPrice: '490' }, stopLoss: { stopPrice: '510' } }),
    ).toEqual([]);
  });

  it('price a buy bracket’s take-profit above and its stop below the entry, exactly at the boundary', () => {
    // Entry 500.00: take-profit 500.01 and stop 499.99 are the nearest allowed; 500.00 is refused.
    expect(
      issues({ ...bracket, takeProfit: { limitPrice: '500.01' }, stopLoss: { stopPrice: '499.99' } }),
    ).toEqual([]);
    expect(issues({ ...bracket, takeProfit: { limitPrice: '500.00' } })).toEqual([
      'takeProfit.limitPrice: a buy’s take-profit must be above the entry price 500',
    ]);
    expect(issues({ ...bracket, stopLoss: { stopPrice: '500' } })).toEqual([
      'stopLoss.stopPrice: a buy’s stop-loss must be below the entry price 500',
    ]);
  });

  it('hold every bracket to its thresholds, for buys and sells (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy', 'sell'),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: -2_000, max: 2_000 }),
        fc.integer({ min: -2_000, max: 2_000 }),
        (side, entry, tpOff, slOff) => {
          const tp = entry + tpOff;
          const sl = entry + slOff;
          fc.pre(tp > 0 && sl > 0);
          const got = issues({
            ...bracket,
            side,
            limitPrice: cents(entry),
            takeProfit: { limitPrice: cents(tp) },
            stopLoss: { stopPrice: cents(sl) },
          });
          const up = side === 'buy' ? 1 : -1;
          const ok = tpOff * up > 0 && slOff * up < 0;
          expect(got.length === 0).toBe(ok);
          expect(got.some((i) => i.startsWith('takeProfit.limitPrice') && i.includes('entry'))).toBe(
            tpOff * up <= 0,
          );
          expect(got.some((i) => i.startsWith('stopLoss.stopPrice') && i.includes('entry'))).toBe(
            slOff * up >= 0,
          );
        },
      ),
    );
  });

  it('hold an OCO’s take-profit and stop to their order (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy', 'sell'),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (side, tp, sl) => {
          const got = issues({
            ...bracket,
            side,
            orderClass: 'oco',
            limitPrice: undefined,
            takeProfit: { limitPrice: cents(tp) },
            stopLoss: { stopPrice: cents(sl) },
          });
          expect(got.length === 0).toBe(side === 'sell' ? tp > sl : tp < sl);
        },
      ),
    );
  });
});

describe('option orders', () => {
  it('take a single-leg order in whole contracts with a matching position intent', () => {
    expect(issues({ ...occ, side: 'buy', positionIntent: 'buy_to_open' })).toEqual([]);
    expect(issues({ ...occ, side: 'sell', positionIntent: 'sell_to_close', qty: '2.000' })).toEqual([]);
  });

  it('refuse what options cannot do, naming the field', () => {
    const ok = { ...occ, side: 'buy', positionIntent: 'buy_to_open' } as const;
    expect(issues({ ...ok, positionIntent: 'sell_to_close' })).toEqual([
      'positionIntent: sell_to_close is a sell, not a buy',
    ]);
    expect(issues({ ...ok, qty: '1.5' })).toEqual(['qty: options trade in whole contracts']);
    expect(issues({ ...ok, type: 'limit', limitPrice: '1', extendedHours: true })).toContain(
      'extendedHours: options trade in regular hours only',
    );
    expect(
      issues({ ...ok, orderClass: 'bracket', takeProfit: { limitPrice: '9' }, stopLoss: { stopPrice: '1' } }),
    ).toContain('orderClass: option orders are simple (single-leg); bracket, OCO and OTO are for equities');
    expect(issues({ ...ok, symbol: 'SPY' })).toEqual([
      'symbol: an option order names its contract by OCC symbol, e.g. SPY261218P00481000',
    ]);
    expect(issues({ ...market, symbol: 'SPY261218P00481000' })).toEqual([
      'assetClass: an OCC option symbol is traded with assetClass us_option',
    ]);
  });
});

describe('order changes', () => {
  it('need something to change', () => {
    expect(OrderChanges.safeParse({ orderId: 'o1' }).success).toBe(false);
    expect(OrderChanges.safeParse({ orderId: 'o1', limitPrice: '1.5' }).success).toBe(true);
  });
});
