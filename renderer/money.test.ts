import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromNanos, mid, mul, sub, toNanos } from './money';

describe('exact decimal arithmetic for the pages', () => {
  it('multiplies prices by quantities without float noise', () => {
    expect(mul('0.1', '3')).toBe('0.3');
    expect(mul('500.01', '-120')).toBe('-60001.2');
    expect(mul('3.45', '100')).toBe('345');
    expect(mul('x', '1')).toBeNull();
  });

  it('subtracts and takes midpoints exactly', () => {
    expect(sub('500.01', '500')).toBe('0.01');
    expect(sub('1', '1.000000001')).toBe('-0.000000001');
    expect(mid('500', '500.01')).toBe('500.005');
  });

  it('round-trips any decimal of up to nine places', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (n) => {
        expect(toNanos(fromNanos(n))).toBe(n);
      }),
    );
  });
});
