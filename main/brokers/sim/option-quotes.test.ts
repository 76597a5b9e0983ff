import { describe, expect, it } from 'vitest';
import { callPrice, parseOcc, putPrice } from '../../domain/options';
import type { Quote } from '../types';
import { expiresAt, optionQuote, optionSpread } from './option-quotes';

const c = (d: number) => BigInt(Math.round(d * 100)) * 10_000n;

describe('option quotes at the simulated venue', () => {
  it('reads OCC symbols', () => {
    expect(parseOcc('SPY261218P00481500')).toEqual({
      underlying: 'SPY',
      expiration: '2026-12-18',
      type: 'put',
      strike: 481_500_000n,
    });
    expect(parseOcc('SPY')).toBeNull();
    expect(parseOcc('SPY261318P00481500')).toBeNull();
    // 16:00 New York, in winter UTC−5.
    expect(new Date(expiresAt(parseOcc('SPY261218C00500000')!)).toISOString()).toBe(
      '2026-12-18T21:00:00.000Z',
    );
  });

  it('spread a cent to five cents below $3, in nickels above, never crossed', () => {
    expect(optionSpread(c(0.1))).toEqual({ bid: c(0.09), ask: c(0.1) });
    expect(optionSpread(c(1.0))).toEqual({ bid: c(0.99), ask: c(1.01) });
    expect(optionSpread(c(2.99))).toEqual({ bid: c(2.96), ask: c(3.01) });
    expect(optionSpread(c(3.0))).toEqual({ bid: c(2.95), ask: c(3.0) });
    expect(optionSpread(c(3.02))).toEqual({ bid: c(3.0), ask: c(3.05) });
    expect(optionSpread(c(10))).toEqual({ bid: c(9.85), ask: c(10.15) });
    expect(optionSpread(c(100))).toEqual({ bid: c(99.5), ask: c(100.5) });
    expect(optionSpread(0n)).toEqual({ bid: 0n, ask: c(0.01) });
    for (let cents = 0; cents < 5_000; cents += 7) {
      const { bid, ask } = optionSpread(c(cents / 100));
      const width = ask - bid;
      expect(bid).toBeGreaterThanOrEqual(0n);
      expect(bid <= c(cents / 100) && ask >= c(cents / 100)).toBe(true);
      if (cents < 300) expect(width >= c(0.01) && width <= c(0.05)).toBe(true);
      else expect(width >= c(0.05) && width % c(0.05) === 0n && bid % c(0.05) === 0n).toBe(true);
    }
  });

  it('price a contract from its underlying by Black–Scholes, around its model value', () => {
    const at = Date.UTC(2026, 10, 18, 15, 0);
    const spy: Quote = {
      symbol: 'SPY',
      bid: c(500),
      ask: c(500.02),
      bidSize: 1_000,
      askSize: 800,
      last: null,
      at,
    };
    const call = parseOcc('SPY261218C00500000')!;
    const q = optionQuote('SPY261218C00500000', call, spy, 0.16);
    const years = (expiresAt(call) - at) / (365.25 * 86_400_000);
    const theo = callPrice(500.01, 500, years, 0.16, 0.04);
    expect(Number(q.bid) / 1e6).toBeLessThanOrEqual(theo);
    expect(Number(q.ask) / 1e6).toBeGreaterThanOrEqual(theo);
    expect(q).toMatchObject({ symbol: 'SPY261218C00500000', bidSize: 80, askSize: 80, at });
    // The textbook case: S = K = 100, one year, 20% vol, 5% rate — call 10.4506, put 5.5735.
    expect(callPrice(100, 100, 1, 0.2, 0.05)).toBeCloseTo(10.4506, 3);
    expect(putPrice(100, 100, 1, 0.2, 0.05)).toBeCloseTo(5.5735, 3);
    // Past expiry a contract is worth what it is in the money.
    expect(callPrice(510, 500, 0, 0.16, 0.04)).toBe(10);
    expect(putPrice(510, 500, 0, 0.16, 0.04)).toBe(0);
  });
});
