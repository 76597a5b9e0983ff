import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  divRound,
  fmtMoney,
  fmtQty,
  formatScaled,
  money,
  moneyToNumber,
  notional,
  parseScaled,
  qty,
} from './fixed';

describe('fixed-point decimals', () => {
  it('parses decimal strings exactly at the given scale', () => {
    expect(money('694.07')).toBe(694_070_000n);
    expect(money('-0.000001')).toBe(-1n);
    expect(qty('0.534102441')).toBe(534_102_441n);
    expect(money('+12')).toBe(12_000_000n);
  });

  it('rounds extra digits half to even', () => {
    expect(parseScaled('1.005', 2)).toBe(100n);
    expect(parseScaled('1.015', 2)).toBe(102n);
    expect(parseScaled('1.0051', 2)).toBe(101n);
    expect(parseScaled('-1.015', 2)).toBe(-102n);
  });

  it('rejects what is not a decimal', () => {
    for (const bad of ['', '1e5', 'abc', '1.2.3', 'NaN', '--1']) {
      expect(() => money(bad)).toThrow(/not a decimal/);
    }
    expect(() => money(Number.NaN)).toThrow(/finite/);
  });

  it('formats back without losing digits and keeps two decimals for money', () => {
    expect(fmtMoney(694_070_000n)).toBe('694.07');
    expect(fmtMoney(-1n)).toBe('-0.000001');
    expect(fmtMoney(12_000_000n)).toBe('12.00');
    expect(fmtQty(10_000_000_000n)).toBe('10');
    expect(fmtQty(534_102_441n)).toBe('0.534102441');
    expect(formatScaled(0n, 6)).toBe('0.00');
  });

  it('round-trips every string it formats', () => {
    for (const s of ['0.01', '-99999999.999999', '123456.7', '0.10']) {
      expect(money(fmtMoney(money(s)))).toBe(money(s));
    }
  });

  it('sums a thousand cents to exactly ten dollars, where floats drift', () => {
    let floatSum = 0;
    let exact = 0n;
    for (let i = 0; i < 1000; i++) {
      floatSum += 0.01;
      exact += money('0.01');
    }
    expect(floatSum).not.toBe(10);
    expect(fmtMoney(exact)).toBe('10.00');
  });

  it('computes notional from nano-quantity and micro-price, rounding once', () => {
    expect(notional(qty('10'), money('694.07'))).toBe(money('6940.70'));
    expect(notional(qty('0.333333333'), money('3'))).toBe(money('0.999999999'));
  });

  it('divides with half-even rounding in every sign combination', () => {
    expect(divRound(5n, 2n)).toBe(2n);
    expect(divRound(7n, 2n)).toBe(4n);
    expect(divRound(-5n, 2n)).toBe(-2n);
    expect(divRound(-7n, 2n)).toBe(-4n);
    expect(divRound(10n, -3n)).toBe(-3n);
    expect(() => divRound(1n, 0n)).toThrow(/zero/);
  });
});

describe('fixed-point decimals (properties)', () => {
  /** Half-even rounding of n / d by floor division: an independent formulation of the rule. */
  function oracleRound(n: bigint, d: bigint): bigint {
    if (d < 0n) return oracleRound(-n, -d);
    let q = n / d;
    if (n % d !== 0n && n < 0n) q -= 1n; // floor
    const twiceFrac = (n - q * d) * 2n; // 0 ≤ frac < d
    if (twiceFrac > d || (twiceFrac === d && q % 2n !== 0n)) q += 1n;
    return q;
  }
  const big = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });

  it('divRound rounds half to even in every sign combination', () => {
    fc.assert(
      fc.property(
        big,
        big.filter((d) => d !== 0n),
        (n, d) => {
          expect(divRound(n, d)).toBe(oracleRound(n, d));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseScaled reads any decimal exactly, rounding extra digits half to even', () => {
    fc.assert(
      fc.property(
        big,
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 9 }),
        (m, digits, scale) => {
          const abs = (m < 0n ? -m : m).toString().padStart(digits + 1, '0');
          const text = `${m < 0n ? '-' : ''}${digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`}`;
          expect(parseScaled(text, scale)).toBe(oracleRound(m * 10n ** BigInt(scale), 10n ** BigInt(digits)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('formatScaled gives back what parseScaled reads, for any value and scale', () => {
    fc.assert(
      fc.property(big, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 4 }), (v, scale, minDp) => {
        const text = formatScaled(v, scale, minDp);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(parseScaled(text, scale)).toBe(v);
        const decimals = text.split('.')[1]?.length ?? 0;
        expect(decimals).toBeGreaterThanOrEqual(Math.min(minDp, scale));
        expect(decimals).toBeLessThanOrEqual(Math.max(scale, 0));
      }),
      { numRuns: 1000 },
    );
  });

  it('notional is qty × price rounded once, half to even, to the micro-dollar', () => {
    fc.assert(
      fc.property(big, fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (q, p) => {
        expect(notional(q, p)).toBe(oracleRound(q * p, 10n ** 9n));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a number as its shortest decimal, and refuses what is not finite or too large', () => {
    expect(money(0.1)).toBe(100_000n);
    expect(money(-2.5)).toBe(-2_500_000n);
    expect(qty(1e-9)).toBe(1n);
    expect(() => money(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => money(1e21)).toThrow(/too large/);
    expect(money(1e20)).toBe(10n ** 26n);
  });

  it('converts micro-dollars to dollars for charts', () => {
    expect(moneyToNumber(1_234_560_000n)).toBe(1234.56);
    expect(moneyToNumber(-1)).toBe(-0.000001);
  });
});
