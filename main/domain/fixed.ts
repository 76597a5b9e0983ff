/**
 * Fixed-point decimals for money, prices and quantities.
 *
 * Storage rule (docs/money-and-metrics.md): every amount is an INTEGER in SQLite, scaled by a fixed power of
 * ten — money and prices in micro-units (1e-6 USD), quantities in nano-units (1e-9 shares, the
 * finest fraction Alpaca reports). Integer sums are exact, so P&L totals never drift; SQLite's
 * SUM() raises on int64 overflow instead of silently rounding. In JS the scaled values are
 * bigint; they become decimal strings at the contract boundary and floats only for statistics.
 */
export const MONEY_SCALE = 6;
export const QTY_SCALE = 9;
/** One whole share (or contract) in nano-units. */
export const ONE_SHARE = 10n ** BigInt(QTY_SCALE);

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses "123.45" (or a finite number) into an integer scaled by 10^scale; rounds half-even. */
export function parseScaled(value: string | number, scale: number): bigint {
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim();
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  const negative = m[1] === '-';
  const whole = m[2] ?? '0';
  const frac = m[3] ?? '';
  let scaled: bigint;
  if (frac.length <= scale) {
    scaled = BigInt(whole + frac.padEnd(scale, '0'));
  } else {
    const kept = BigInt(whole + frac.slice(0, scale));
    const rest = frac.slice(scale);
    scaled = roundHalfEven(kept, rest);
  }
  return negative ? -scaled : scaled;
}

function roundHalfEven(kept: bigint, rest: string): bigint {
  const first = rest.charCodeAt(0) - 48;
  const tailNonZero = /[1-9]/.test(rest.slice(1));
  if (first > 5 || (first === 5 && tailNonZero)) return kept + 1n;
  if (first === 5 && !tailNonZero) return kept % 2n === 0n ? kept : kept + 1n;
  return kept;
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  // toFixed(12) covers every scale we use and never switches to exponent form below 1e21.
  if (Math.abs(n) >= 1e21) throw new RangeError(`number too large for a decimal: ${n}`);
  return n.toFixed(12);
}

/** Formats a scaled integer as a plain decimal string, trimming trailing zeros to `minDp`. */
export function formatScaled(value: bigint, scale: number, minDp = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = pow10(scale);
  const whole = abs / unit;
  // At scale 0 there is no fraction (`x % 1n` would still print as "0").
  let frac = scale === 0 ? '' : (abs % unit).toString().padStart(scale, '0');
  while (frac.length > minDp && frac.endsWith('0')) frac = frac.slice(0, -1);
  const body = frac.length > 0 ? `${whole}.${frac}` : `${whole}`;
  return negative && abs !== 0n ? `-${body}` : body;
}

/** Divides with half-even rounding (bigint division truncates toward zero). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const twiceRem = (n % d) * 2n;
  if (twiceRem > d || (twiceRem === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

export const money = (v: string | number): bigint => parseScaled(v, MONEY_SCALE);
export const qty = (v: string | number): bigint => parseScaled(v, QTY_SCALE);
export const fmtMoney = (v: bigint): string => formatScaled(v, MONEY_SCALE, 2);
export const fmtPrice = (v: bigint): string => formatScaled(v, MONEY_SCALE, 2);
export const fmtQty = (v: bigint): string => formatScaled(v, QTY_SCALE, 0);

/** qty (nano) × price (micro) → money (micro), exact then rounded half-even once. */
export function notional(qtyNano: bigint, priceMicro: bigint): bigint {
  return divRound(qtyNano * priceMicro, pow10(QTY_SCALE));
}

/** Money in micros to a float in dollars — for statistics and charts only, never for sums. */
export function moneyToNumber(v: bigint | number): number {
  return Number(v) / 1e6;
}
