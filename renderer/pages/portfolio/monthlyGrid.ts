import type { MonthlyReturn } from '../../../main/contract';

export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

export interface MonthlyRow {
  year: number;
  /** Index 0 = January; null where the month has no return. */
  months: (MonthlyReturn | null)[];
  /** The year's months compounded: (1 + r1)(1 + r2)… − 1; null when it has none. */
  yearReturn: number | null;
}

/** Monthly returns as a year × month grid, oldest year first. */
export function buildMonthlyGrid(returns: readonly MonthlyReturn[]): MonthlyRow[] {
  const byYear = new Map<number, (MonthlyReturn | null)[]>();
  for (const r of returns) {
    let months = byYear.get(r.year);
    if (!months) byYear.set(r.year, (months = Array.from({ length: 12 }, () => null)));
    months[r.month - 1] = r;
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, months]) => {
      const present = months.filter((m): m is MonthlyReturn => m !== null);
      const yearReturn = present.length ? present.reduce((acc, m) => acc * (1 + m.return), 1) - 1 : null;
      return { year, months, yearReturn };
    });
}

/** Colour strength of a cell, 0..1: a 10 % month (or more) is full strength. */
export function heat(fraction: number | null, fullAt = 0.1): number {
  if (fraction === null || !Number.isFinite(fraction)) return 0;
  return Math.min(1, Math.abs(fraction) / fullAt);
}
