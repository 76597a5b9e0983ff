import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, nextSort, sortRows, type SortValue } from './sort';

/** A decimal with at most 15 significant digits: every such value is a distinct, ordered double. */
const smallDecimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 15 }))
  .map(([neg, units, scale]) => {
    const text = units.toString().padStart(scale + 1, '0');
    const whole = text.slice(0, text.length - scale);
    const frac = text.slice(text.length - scale);
    return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
  });

describe('compareDecimal', () => {
  it('agrees with the numeric order wherever doubles are exact', () => {
    fc.assert(
      fc.property(smallDecimal, smallDecimal, (a, b) => {
        expect(compareDecimal(a, b)).toBe(Math.sign(Number(a) - Number(b)));
      }),
    );
  });

  it('orders values a double cannot tell apart', () => {
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('0.10000000000000000001', '0.1')).toBe(1);
    expect(compareDecimal('-0.10000000000000000001', '-0.1')).toBe(-1);
  });

  it('treats trailing zeros, a plus sign and negative zero as the same value', () => {
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('+2', '2.000')).toBe(0);
    expect(compareDecimal('-0.00', '0')).toBe(0);
    expect(compareDecimal(' 3 ', '3')).toBe(0);
  });

  it('refuses text that is not a decimal, naming it', () => {
    expect(() => compareDecimal('1e3', '1')).toThrow('Not a decimal: "1e3"');
    expect(() => compareDecimal('1', 'abc')).toThrow('Not a decimal: "abc"');
  });
});

describe('sortRows', () => {
  const rows = [
    { id: 'a', v: '10.5' as SortValue },
    { id: 'b', v: '-3' as SortValue },
    { id: 'c', v: null as SortValue },
    { id: 'd', v: '10.50' as SortValue },
    { id: 'e', v: '2' as SortValue },
  ];
  const ids = (r: typeof rows) => r.map((x) => x.id).join('');

  it('sorts decimals exactly, keeps ties in their incoming order, and puts missing values last', () => {
    expect(ids(sortRows(rows, (r) => r.v, 'asc'))).toBe('beadc');
    expect(ids(sortRows(rows, (r) => r.v, 'desc'))).toBe('adebc');
  });

  it('does not change the rows it was given', () => {
    const before = ids(rows);
    sortRows(rows, (r) => r.v, 'desc');
    expect(ids(rows)).toBe(before);
  });

  it('sorts numbers, with NaN as missing', () => {
    const nums = [3, Number.NaN, -1, 2.5, null].map((v, i) => ({ id: String(i), v }));
    expect(sortRows(nums, (r) => r.v, 'asc').map((r) => r.id)).toEqual(['2', '3', '0', '1', '4']);
    expect(sortRows(nums, (r) => r.v, 'desc').map((r) => r.id)).toEqual(['0', '3', '2', '1', '4']);
  });

  it('sorts text naturally and without regard to case; blank text is missing', () => {
    const names = ['b', 'A10', '', 'a2', 'B'].map((v) => ({ v }));
    expect(sortRows(names, (r) => r.v, 'asc').map((r) => r.v)).toEqual(['a2', 'A10', 'b', 'B', '']);
    expect(sortRows(names, (r) => r.v, 'desc').map((r) => r.v)).toEqual(['b', 'B', 'A10', 'a2', '']);
  });

  it('is a permutation, ordered, with missing values last, for any rows', () => {
    const value = fc.oneof(smallDecimal, fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), fc.constantFrom('asc', 'desc'), (values, dir) => {
        const input = values.map((v, i) => ({ v, i }));
        const out = sortRows(input, (r) => r.v, dir);
        expect(out.map((r) => r.i).sort((a, b) => a - b)).toEqual(input.map((r) => r.i));
        const present = out.filter((r) => r.v !== null);
        expect(out.slice(0, present.length)).toEqual(present);
        for (let k = 1; k < present.length; k++) {
          const c = compareDecimal(present[k - 1]!.v!, present[k]!.v!);
          expect(dir === 'asc' ? c <= 0 : c >= 0).toBe(true);
          if (c === 0) expect(present[k - 1]!.i).toBeLessThan(present[k]!.i);
        }
      }),
    );
  });
});

describe('nextSort', () => {
  it('starts a column in its natural direction, flips it, then returns to the default order', () => {
    const first = nextSort(null, 'pnl', 'desc');
    expect(first).toEqual({ column: 'pnl', direction: 'desc' });
    const second = nextSort(first, 'pnl', 'desc');
    expect(second).toEqual({ column: 'pnl', direction: 'asc' });
    expect(nextSort(second, 'pnl', 'desc')).toBeNull();
    expect(nextSort(nextSort(null, 'sym', 'asc'), 'sym', 'asc')).toEqual({
      column: 'sym',
      direction: 'desc',
    });
  });

  it('starts afresh when another column is clicked', () => {
    expect(nextSort({ column: 'pnl', direction: 'asc' }, 'qty', 'desc')).toEqual({
      column: 'qty',
      direction: 'desc',
    });
  });
});
