import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newYorkTime } from '../../domain/calendar';
import { DEFAULT_FEES, feesFor, secRateOn } from './fees';

const SHARE = 1_000_000_000n;
const dollars = (d: number) => BigInt(Math.round(d * 1e6));
const on = (date: string) => newYorkTime(date, 10 * 60);

describe('regulatory fees', () => {
  it('charge the SEC fee on sales only, at the rate of the trade date, rounded up to the cent', () => {
    const sale = {
      assetClass: 'us_equity' as const,
      side: 'sell' as const,
      qty: 100n * SHARE,
      notional: dollars(50_000),
    };
    // $50,000 × $27.80 per million = $1.39; the day before the new rate: × $8.00 = $0.40.
    expect(feesFor({ ...sale, at: on('2024-05-22') }).sec).toBe(dollars(1.39));
    expect(feesFor({ ...sale, at: on('2024-05-21') }).sec).toBe(dollars(0.4));
    expect(feesFor({ ...sale, at: on('2025-05-14') }).sec).toBe(0n);
    // $1,234.56 × 27.80e-6 = $0.0343…: one cent up to $0.04.
    expect(feesFor({ ...sale, notional: dollars(1_234.56), at: on('2024-06-03') }).sec).toBe(dollars(0.04));
    expect(feesFor({ ...sale, side: 'buy', at: on('2024-06-03') }).sec).toBe(0n);
  });

  it('charge FINRA TAF per share sold, capped at $8.30 a trade', () => {
    const base = {
      assetClass: 'us_equity' as const,
      side: 'sell' as const,
      notional: 0n,
      at: on('2025-06-02'),
    };
    expect(feesFor({ ...base, qty: 100n * SHARE }).taf).toBe(dollars(0.02)); // $0.0166 → $0.02
    expect(feesFor({ ...base, qty: 49_999n * SHARE }).taf).toBe(dollars(8.3)); // $8.2998… → $8.30
    expect(feesFor({ ...base, qty: 1_000_000n * SHARE }).taf).toBe(dollars(8.3));
    expect(feesFor({ ...base, qty: SHARE / 2n }).taf).toBe(dollars(0.01)); // a fraction counts as a share
    expect(feesFor({ ...base, side: 'buy', qty: 100n * SHARE }).taf).toBe(0n);
  });

  it('charge options commission and ORF both ways, and TAF per contract sold', () => {
    const base = {
      assetClass: 'us_option' as const,
      qty: 10n * SHARE,
      notional: dollars(2_000),
      at: on('2025-06-02'),
    };
    const buy = feesFor({ ...base, side: 'buy' });
    expect(buy).toEqual({
      commission: dollars(6.5),
      sec: 0n,
      taf: 0n,
      orf: dollars(0.2),
      total: dollars(6.7),
    });
    const sell = feesFor({ ...base, side: 'sell' });
    expect(sell.taf).toBe(dollars(0.03)); // 10 × $0.00279 = $0.0279
    expect(sell.total).toBe(dollars(6.73));
  });

  it('charge no commission on equities by default, and per share when configured', () => {
    const fill = {
      assetClass: 'us_equity' as const,
      side: 'buy' as const,
      qty: 250n * SHARE,
      notional: dollars(10_000),
      at: on('2025-06-02'),
    };
    expect(feesFor(fill).total).toBe(0n);
    expect(feesFor(fill, { ...DEFAULT_FEES, equityPerShare: dollars(0.005) }).commission).toBe(dollars(1.25));
  });

  it('are never negative, always whole cents, and the total is the sum of the parts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('us_equity' as const, 'us_option' as const),
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.constantFrom('2024-01-03', '2024-05-22', '2025-05-14', '2026-11-20'),
        (assetClass, side, qty, notional, date) => {
          const f = feesFor({ assetClass, side, qty, notional, at: on(date) });
          for (const part of [f.commission, f.sec, f.taf, f.orf]) {
            expect(part >= 0n).toBe(true);
            expect(part % 10_000n).toBe(0n);
          }
          expect(f.total).toBe(f.commission + f.sec + f.taf + f.orf);
          if (side === 'buy') expect(f.sec + f.taf).toBe(0n);
        },
      ),
    );
  });
});

describe('secRateOn', () => {
  it('steps on each effective date', () => {
    expect(secRateOn('2023-02-26')).toBe(0n);
    expect(secRateOn('2023-02-27')).toBe(8_000_000n);
    expect(secRateOn('2024-05-22')).toBe(27_800_000n);
    expect(secRateOn('2025-05-13')).toBe(27_800_000n);
    expect(secRateOn('2025-05-14')).toBe(0n);
  });
});
