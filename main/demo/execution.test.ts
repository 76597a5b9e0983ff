import { describe, expect, it } from 'vitest';
import type { Quote } from '../brokers/types';
import { newYorkTime } from '../domain/calendar';
import { executeMarketOrder, TICK_MS } from './execution';

const usd = (d: number) => BigInt(Math.round(d * 1e6));
const SHARE = 1_000_000_000n;
const T0 = newYorkTime('2025-06-02', 10 * 60);
const CLOSE = newYorkTime('2025-06-02', 16 * 60);

/** A book of `size` shares a side, one cent wide, its mid rising a cent a tick. */
const quoteAt =
  (size: number) =>
  (at: number): Quote => {
    const k = BigInt((at - T0) / TICK_MS);
    return {
      symbol: 'XYZ',
      bid: usd(100) + k * 10_000n,
      ask: usd(100.01) + k * 10_000n,
      bidSize: size,
      askSize: size,
      last: null,
      at,
    };
  };

describe('demo orders through the fill model', () => {
  it('fills an order within the displayed size at the touch in one execution', () => {
    const fills = executeMarketOrder(
      { symbol: 'XYZ', assetClass: 'us_equity', side: 'buy', qty: 300n * SHARE },
      T0,
      CLOSE,
      quoteAt(500),
    );
    expect(fills).toEqual([
      {
        qty: 300n * SHARE,
        price: usd(100.01),
        value: usd(30_003),
        fee: 0n,
        at: T0,
        bid: usd(100),
        ask: usd(100.01),
      },
    ]);
  });

  it('walks the book a tick a level for an order larger than the displayed size, and waits for the next tick past 20 levels', () => {
    const fills = executeMarketOrder(
      { symbol: 'XYZ', assetClass: 'us_equity', side: 'sell', qty: 2_150n * SHARE },
      T0,
      CLOSE,
      quoteAt(100),
    );
    expect(fills).toHaveLength(22);
    fills.slice(0, 20).forEach((f, level) => {
      expect(f.qty).toBe(100n * SHARE);
      expect(f.price).toBe(usd(100) - BigInt(level) * 10_000n);
      expect(f.at).toBe(T0);
    });
    // The rest on the next quote, at its touch.
    expect(fills[20]!.at).toBe(T0 + TICK_MS);
    expect(fills[20]!.price).toBe(usd(100.01));
    expect(fills[21]!.qty).toBe(50n * SHARE);
    expect(fills.reduce((a, f) => a + f.qty, 0n)).toBe(2_150n * SHARE);
    // Sales pay FINRA's TAF ($0.000166 a share, up to the cent) and, in June 2025, no SEC fee.
    expect(fills[0]!.fee).toBe(usd(0.02));
    expect(fills[21]!.fee).toBe(usd(0.01));
  });

  it('charges options their commission and regulatory fee per contract, on 100 shares a contract', () => {
    const quote = (at: number): Quote => ({
      symbol: 'SPY250620P00500000',
      bid: usd(4.98),
      ask: usd(5.03),
      bidSize: 20,
      askSize: 20,
      last: null,
      at,
    });
    const [fill] = executeMarketOrder(
      { symbol: 'SPY250620P00500000', assetClass: 'us_option', side: 'buy', qty: 3n * SHARE },
      T0,
      CLOSE,
      quote,
    );
    expect(fill!.value).toBe(usd(1_509));
    expect(fill!.fee).toBe(usd(3 * 0.65 + 3 * 0.02));
  });

  it('refuses to leave an order working at the close', () => {
    expect(() =>
      executeMarketOrder(
        { symbol: 'XYZ', assetClass: 'us_equity', side: 'buy', qty: 100n * SHARE },
        CLOSE,
        CLOSE,
        quoteAt(100),
      ),
    ).toThrow(/still working at the close/);
  });
});
