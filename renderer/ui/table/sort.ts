/**
 * Sorting for the tables. Money and quantities arrive as decimal strings and are compared exactly
 * (as scaled bigints), never through a float; ratios arrive as numbers. A missing value (null, or
 * text that is not a number) sorts last in both directions, so a flip never buries the real rows.
 */

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** What a column sorts by: a decimal string, a number, plain text, or nothing. */
export type SortValue = string | number | null;

export type SortDirection = 'asc' | 'desc';

/** Which column sorts and which way; null keeps the engine's own order. */
export type SortState = { column: string; direction: SortDirection } | null;

interface ScaledDecimal {
  units: bigint;
  scale: number;
}

function parseDecimal(text: string): ScaledDecimal | null {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt((m[2] ?? '0') + frac);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** Exact order of two decimal strings ("-0.5" < "0" = "-0.00" < "10.25"): -1, 0 or 1. Throws on non-decimals. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) throw new Error(`Not a decimal: ${JSON.stringify(x ? b : a)}`);
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

type Key =
  { kind: 'decimal'; value: string } | { kind: 'number'; value: number } | { kind: 'text'; value: string };

function keyOf(value: SortValue): Key | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : { kind: 'number', value };
  if (parseDecimal(value)) return { kind: 'decimal', value };
  return value.trim() === '' ? null : { kind: 'text', value };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Ascending order of two present keys; a column mixes kinds only by mistake, so kinds order by name. */
function compareKeys(a: Key, b: Key): number {
  if (a.kind === 'decimal' && b.kind === 'decimal') return compareDecimal(a.value, b.value);
  if (a.kind === 'number' && b.kind === 'number') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.kind === 'text' && b.kind === 'text') return collator.compare(a.value, b.value);
  return a.kind < b.kind ? -1 : 1;
}

/**
 * Rows ordered by `valueOf`, ascending or descending; rows with no value last either way; ties keep
 * their incoming order (the engine's), so sorting by a column with equal values is predictable.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  valueOf: (row: Row) => SortValue,
  direction: SortDirection,
): Row[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: keyOf(valueOf(row)) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.index - b.index;
        return a.key === null ? 1 : -1;
      }
      return sign * compareKeys(a.key, b.key) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/**
 * The next state when a header is clicked: a new column starts in its natural direction (numbers
 * largest first, text A→Z), the same column flips, and a third click returns to the engine's order.
 */
export function nextSort(current: SortState, column: string, firstDirection: SortDirection): SortState {
  if (!current || current.column !== column) return { column, direction: firstDirection };
  if (current.direction === firstDirection)
    return { column, direction: firstDirection === 'asc' ? 'desc' : 'asc' };
  return null;
}
