import { describe, expect, it } from 'vitest';
import {
  NOT_AVAILABLE,
  formatCount,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  formatPrice,
  formatQty,
  formatRatio,
  groupThousands,
  numberToDecimal,
  percentText,
  signOf,
} from './format';

describe('formatMoney', () => {
  it('groups thousands and shows cents', () => {
    expect(formatMoney('1234567.89')).toBe('$1,234,567.89');
    expect(formatMoney('1234')).toBe('$1,234.00');
    expect(formatMoney('0')).toBe('$0.00');
    expect(formatMoney('999')).toBe('$999.00');
    expect(formatMoney('1000')).toBe('$1,000.00');
  });

  it('puts the minus sign before the dollar sign', () => {
    expect(formatMoney('-1234.5')).toBe('-$1,234.50');
    expect(formatMoney('-0.01')).toBe('-$0.01');
  });

  it('rounds half away from zero as text, carrying through every digit', () => {
    expect(formatMoney('0.005')).toBe('$0.01');
    expect(formatMoney('0.004999')).toBe('$0.00');
    expect(formatMoney('-0.005')).toBe('-$0.01');
    expect(formatMoney('999999.995')).toBe('$1,000,000.00');
    expect(formatMoney('-999.999')).toBe('-$1,000.00');
    expect(formatMoney('1.125')).toBe('$1.13');
  });

  it('never shows a negative zero', () => {
    expect(formatMoney('-0.004')).toBe('$0.00');
    expect(formatMoney('-0')).toBe('$0.00');
  });

  it('keeps digits a float would lose', () => {
    expect(formatMoney('12345678901234567.89')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney('90071992547409.935')).toBe('$90,071,992,547,409.94');
  });

  it('accepts plain numbers and a leading plus', () => {
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(-0.1)).toBe('-$0.10');
    expect(formatMoney('+12')).toBe('$12.00');
  });

  it('shows a dash for missing or malformed values', () => {
    expect(formatMoney(null)).toBe(NOT_AVAILABLE);
    expect(formatMoney(undefined)).toBe(NOT_AVAILABLE);
    expect(formatMoney('abc')).toBe(NOT_AVAILABLE);
    expect(formatMoney('1e5')).toBe(NOT_AVAILABLE);
    expect(formatMoney(Number.NaN)).toBe(NOT_AVAILABLE);
  });
});

describe('formatPrice', () => {
  it('shows cents from a dollar up and four decimals below', () => {
    expect(formatPrice('187.234')).toBe('$187.23');
    expect(formatPrice('1')).toBe('$1.00');
    expect(formatPrice('0.12345')).toBe('$0.1235');
    expect(formatPrice('0.5')).toBe('$0.5000');
    expect(formatPrice('65432.1')).toBe('$65,432.10');
  });
});

describe('formatQty', () => {
  it('keeps the given precision, grouped, without trailing zeros', () => {
    expect(formatQty('1200.500')).toBe('1,200.5');
    expect(formatQty('10')).toBe('10');
    expect(formatQty('10.000000000')).toBe('10');
    expect(formatQty('-25')).toBe('-25');
    expect(formatQty('0.000123')).toBe('0.000123');
    expect(formatQty('-0.000')).toBe('0');
    expect(formatQty('007')).toBe('7');
  });
});

describe('formatPercent', () => {
  it('turns fractions into percents with two decimals', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(-0.05)).toBe('-5.00%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatPercent(12.3456)).toBe('1,234.56%');
  });

  it('rounds on the decimal text, not on a float product', () => {
    // 0.12345 * 100 is 12.344999999999999 as a float; the text rounds to 12.35.
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(0.00005)).toBe('0.01%');
    expect(formatPercent(1e-7)).toBe('0.00%');
    expect(formatPercent(-0.00001)).toBe('0.00%');
  });

  it('shows a dash when there is no value', () => {
    expect(formatPercent(null)).toBe(NOT_AVAILABLE);
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe(NOT_AVAILABLE);
  });
});

describe('formatRatio', () => {
  it('shows two decimals', () => {
    expect(formatRatio(1.234)).toBe('1.23');
    expect(formatRatio(-0.555)).toBe('-0.56');
    expect(formatRatio(2)).toBe('2.00');
    expect(formatRatio(null)).toBe(NOT_AVAILABLE);
  });
});

describe('formatMoneyCompact', () => {
  it('abbreviates large amounts for chart axes', () => {
    expect(formatMoneyCompact(1234567)).toBe('$1.23M');
    expect(formatMoneyCompact(-4200)).toBe('-$4.2K');
    expect(formatMoneyCompact(100000)).toBe('$100K');
    expect(formatMoneyCompact(950.4)).toBe('$950');
    expect(formatMoneyCompact(-3)).toBe('-$3');
  });
});

describe('formatCount', () => {
  it('groups whole numbers', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe(NOT_AVAILABLE);
  });
});

describe('helpers', () => {
  it('groups thousands', () => {
    expect(groupThousands('1')).toBe('1');
    expect(groupThousands('1234567')).toBe('1,234,567');
  });

  it('writes numbers without exponents', () => {
    expect(numberToDecimal(1e-7)).toBe('0.0000001');
    expect(numberToDecimal(1e21)).toBe('1000000000000000000000');
  });

  it('finds the sign of decimals and numbers', () => {
    expect(signOf('-0.01')).toBe(-1);
    expect(signOf('12')).toBe(1);
    expect(signOf('-0.00')).toBe(0);
    expect(signOf(0)).toBe(0);
    expect(signOf(-3)).toBe(-1);
    expect(signOf(null)).toBe(0);
  });
});

describe('percentText', () => {
  it('moves the point two places as text, adding no float noise', () => {
    expect(percentText(0.1234)).toBe('12.34');
    expect(percentText(0.07)).toBe('7');
    expect(percentText(-0.005)).toBe('-0.5');
    expect(percentText(1e-7)).toBe('0.00001');
    expect(percentText(12.5)).toBe('1250');
    expect(percentText(0)).toBe('0');
    expect(percentText(-0)).toBe('0');
  });

  it('gives null where there is no figure', () => {
    expect(percentText(null)).toBeNull();
    expect(percentText(undefined)).toBeNull();
    expect(percentText(Number.NaN)).toBeNull();
    expect(percentText(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
