import { describe, expect, it } from 'vitest';
import { divRound, fmtMoney, fmtQty, formatScaled, money, notional, parseScaled, qty } from './fixed';

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
