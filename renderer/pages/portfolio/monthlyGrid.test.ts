import { describe, expect, it } from 'vitest';
import type { MonthlyReturn } from '../../../main/contract';
import { buildMonthlyGrid, heat } from './monthlyGrid';

const m = (year: number, month: number, r: number): MonthlyReturn => ({
  year,
  month,
  return: r,
  pnl: '0',
  deposits: '0',
  withdrawals: '0',
});

describe('buildMonthlyGrid', () => {
  it('places months by year, oldest year first, with gaps as null', () => {
    const rows = buildMonthlyGrid([m(2025, 2, 0.01), m(2024, 12, -0.02), m(2024, 11, 0.03)], []);
    expect(rows.map((r) => r.year)).toEqual([2024, 2025]);
    expect(rows[0]?.months[10]?.return).toBe(0.03);
    expect(rows[0]?.months[0]).toBeNull();
    expect(rows[1]?.months[1]?.return).toBe(0.01);
  });

  it('shows the engine’s yearly return, not one of its own', () => {
    const [row] = buildMonthlyGrid(
      [m(2024, 1, 0.1), m(2024, 2, -0.1)],
      [{ year: 2024, return: 0.0123, pnl: '5' }],
    );
    expect(row?.yearReturn).toBe(0.0123);
    expect(buildMonthlyGrid([m(2023, 5, 0.1)], [])[0]?.yearReturn).toBeNull();
  });

  it('returns no rows for no months', () => {
    expect(buildMonthlyGrid([], [])).toEqual([]);
  });
});

describe('heat', () => {
  it('scales with size and saturates', () => {
    expect(heat(0.05)).toBeCloseTo(0.5);
    expect(heat(-0.2)).toBe(1);
    expect(heat(null)).toBe(0);
  });
});
