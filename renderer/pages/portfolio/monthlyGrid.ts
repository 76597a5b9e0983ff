import type { MonthlyReturn, YearlyReturn } from '../../../main/contract';

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
  /** The year's return as the engine computed it (its daily returns compounded); null if absent. */
  yearReturn: number | null;
}

/** Monthly returns as a year × month grid, oldest year first, with the engine's yearly returns. */
export function buildMonthlyGrid(
  returns: readonly MonthlyReturn[],
  years: readonly YearlyReturn[],
): MonthlyRow[] {
  const yearReturn = new Map(years.map((y) => [y.year, y.return]));
  const byYear = new Map<number, (MonthlyReturn | null)[]>();
  for (const r of returns) {
    let months = byYear.get(r.year);
    if (!months) byYear.set(r.year, (months = Array.from({ length: 12 }, () => null)));
    months[r.month - 1] = r;
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, months]) => ({ year, months, yearReturn: yearReturn.get(year) ?? null }));
}

/** Colour strength of a cell, 0..1: a 10 % month (or more) is full strength. */
export function heat(fraction: number | null, fullAt = 0.1): number {
  if (fraction === null || !Number.isFinite(fraction)) return 0;
  return Math.min(1, Math.abs(fraction) / fullAt);
}
