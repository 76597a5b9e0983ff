/**
 * Exact arithmetic on the contract's decimal strings, for figures the page derives itself (live
 * P&L at the latest quote, an order's estimated cost): scaled bigints, never floats.
 */
const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;
const SCALE = 9;
const ONE = 10n ** BigInt(SCALE);

/** A decimal string as an integer of nano-units (1e-9), or null when it is not a decimal. */
export function toNanos(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  const n = BigInt((m[2] ?? '0') + frac);
  return m[1] === '-' ? -n : n;
}

/** Nano-units back to a plain decimal string, trailing zeros dropped. */
export function fromNanos(n: bigint): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const frac = (a % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / ONE}${frac ? `.${frac}` : ''}`;
}

/** a × b of two decimals, exact to 1e-9 (rounded half away from zero). */
export function mul(a: string, b: string): string | null {
  const x = toNanos(a);
  const y = toNanos(b);
  if (x === null || y === null) return null;
  const p = x * y;
  const half = ONE / 2n;
  return fromNanos(p >= 0n ? (p + half) / ONE : -((-p + half) / ONE));
}

/** a − b and a + b of two decimals, exact. */
export function sub(a: string, b: string): string | null {
  const x = toNanos(a);
  const y = toNanos(b);
  return x === null || y === null ? null : fromNanos(x - y);
}

/** The midpoint of a bid and an ask, exact. */
export function mid(bid: string, ask: string): string | null {
  const x = toNanos(bid);
  const y = toNanos(ask);
  return x === null || y === null ? null : fromNanos((x + y) / 2n);
}
