import { describe, expect, it } from 'vitest';
import { OrderChanges, OrderRequest } from './trading';

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

describe('order changes', () => {
  it('need something to change', () => {
    expect(OrderChanges.safeParse({ orderId: 'o1' }).success).toBe(false);
    expect(OrderChanges.safeParse({ orderId: 'o1', limitPrice: '1.5' }).success).toBe(true);
  });
});
