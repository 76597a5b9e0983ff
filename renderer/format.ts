/**
 * Every number the UI shows is formatted here, so the end-to-end tests can import this module and
 * compute the exact strings they expect from the engine's answer.
 *
 * Money, prices and quantities arrive as decimal strings ("-1234.5"). They are rounded and grouped
 * as text (with bigint for carries), never through a float, so the digits shown are exact.
 * Rounding is half away from zero (like Intl.NumberFormat): "0.005" → "$0.01", "-0.005" → "-$0.01".
 * A value that rounds to zero loses its minus sign ("-$0.00" never appears).
 */

/** Shown wherever a figure does not exist (not enough history, division by zero, …). */
export const NOT_AVAILABLE = '—';

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

interface Rounded {
  negative: boolean;
  whole: string;
  frac: string;
}

/** A finite number as a plain decimal string (no exponent), e.g. 1e-7 → "0.0000001". */
export function numberToDecimal(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Rounds a decimal string to `places` decimals, half away from zero. Null when it is not a decimal. */
function roundDecimal(value: string, places: number): Rounded | null {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return null;
  const negative = m[1] === '-';
  const whole = m[2] ?? '0';
  const frac = m[3] ?? '';
  let digits = BigInt(whole + frac.padEnd(places, '0').slice(0, places));
  const next = frac.charCodeAt(places) - 48; // NaN when there is no further digit
  if (next >= 5) digits += 1n;
  const text = digits.toString().padStart(places + 1, '0');
  const roundedWhole = text.slice(0, text.length - places);
  const roundedFrac = places > 0 ? text.slice(text.length - places) : '';
  const isZero = digits === 0n;
  return { negative: negative && !isZero, whole: roundedWhole, frac: roundedFrac };
}

/** "1234567" → "1,234,567". */
export function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function toText(value: string | number): string {
  return typeof value === 'number' ? numberToDecimal(value) : value;
}

function assemble(r: Rounded, prefix: string, suffix: string): string {
  const body = groupThousands(r.whole) + (r.frac ? `.${r.frac}` : '');
  return `${r.negative ? '-' : ''}${prefix}${body}${suffix}`;
}

/** Money to the cent: "1234567.891" → "$1,234,567.89", "-1234.5" → "-$1,234.50". */
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return NOT_AVAILABLE;
  const r = roundDecimal(toText(value), 2);
  return r ? assemble(r, '$', '') : NOT_AVAILABLE;
}

/**
 * A price: cents from one dollar up, four decimals below a dollar (so penny stocks and option
 * premiums keep their digits): "187.234" → "$187.23", "0.12345" → "$0.1235".
 */
export function formatPrice(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return NOT_AVAILABLE;
  const text = toText(value);
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return NOT_AVAILABLE;
  const places = /^0*$/.test(m[2] ?? '') ? 4 : 2;
  const r = roundDecimal(text, places);
  return r ? assemble(r, '$', '') : NOT_AVAILABLE;
}

/** A quantity exactly as given, grouped, trailing fraction zeros dropped: "1200.500" → "1,200.5". */
export function formatQty(value: string | null | undefined): string {
  if (value === null || value === undefined) return NOT_AVAILABLE;
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return NOT_AVAILABLE;
  const whole = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const isZero = /^0*$/.test(whole) && frac === '';
  const sign = m[1] === '-' && !isZero ? '-' : '';
  return sign + groupThousands(whole) + (frac ? `.${frac}` : '');
}

/** A fraction as a percent with two decimals: 0.1234 → "12.34%", -0.05 → "-5.00%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NOT_AVAILABLE;
  const r = roundDecimal(shiftDecimal(numberToDecimal(fraction), 2), 2);
  return r ? assemble(r, '', '%') : NOT_AVAILABLE;
}

/**
 * A fraction as an exact percent number in plain text, for exports: 0.1234 → "12.34",
 * 1e-7 → "0.00001"; null when there is no figure. Shifted as text, so no float noise is added.
 */
export function percentText(fraction: number | null | undefined): string | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  if (fraction === 0) return '0'; // and never "-0"
  return shiftDecimal(numberToDecimal(fraction), 2);
}

/** A ratio (Sharpe, profit factor) with two decimals: 1.234 → "1.23". */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  const r = roundDecimal(numberToDecimal(value), 2);
  return r ? assemble(r, '', '') : NOT_AVAILABLE;
}

/** A whole count, grouped: 12345 → "12,345". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  const r = roundDecimal(numberToDecimal(value), 0);
  return r ? assemble(r, '', '') : NOT_AVAILABLE;
}

/** Short money for chart axes: 1234567 → "$1.23M", -4200 → "-$4.2K", 950 → "$950". */
export function formatMoneyCompact(value: number): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const scaled = (abs / size).toFixed(2).replace(/\.?0+$/, '');
      return `${value < 0 ? '-' : ''}$${scaled}${suffix}`;
    }
  }
  const r = roundDecimal(numberToDecimal(value), 0);
  return r ? assemble(r, '$', '') : NOT_AVAILABLE;
}

/** Which way a figure points, for green/red colouring: 1, -1, or 0 (zero or unknown). */
export function signOf(value: string | number | null | undefined): 1 | -1 | 0 {
  if (value === null || value === undefined) return 0;
  const m = DECIMAL_RE.exec(toText(value).trim());
  if (!m || /^[0.]*$/.test((m[2] ?? '') + (m[3] ?? ''))) return 0;
  return m[1] === '-' ? -1 : 1;
}

/** Moves the decimal point `places` to the right in a decimal string: ("0.1234", 2) → "12.34". */
function shiftDecimal(value: string, places: number): string {
  const m = DECIMAL_RE.exec(value);
  if (!m) return value;
  const frac = (m[3] ?? '').padEnd(places, '0');
  const whole = ((m[2] ?? '0') + frac.slice(0, places)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(places);
  return `${m[1] === '-' ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}
