/**
 * Position and cash accounting: exact, in micro-dollars and nano-shares. The simulated venue and
 * Keel's own book (the order journal applying fills) both keep positions with these rules.
 * A fill that crosses zero (long to short) closes the old position and opens the new one at the
 * fill price; the average entry price is kept as cost basis ÷ quantity.
 */
import { contractMultiplier } from './instruments';
import type { AssetClass } from './instruments';

type Micros = bigint;
type Nanos = bigint;
type Side = 'buy' | 'sell';

const SHARE = 1_000_000_000n;

/** Cash value of qty × price for an asset class, rounded half away from zero to the micro-dollar. */
export function cashValue(qty: Nanos, price: Micros, assetClass: AssetClass): Micros {
  const raw = qty * price * contractMultiplier(assetClass);
  const half = SHARE / 2n;
  return raw >= 0n ? (raw + half) / SHARE : -((-raw + half) / SHARE);
}

export interface Holding {
  symbol: string;
  assetClass: AssetClass;
  /** Signed: negative is short. */
  qty: Nanos;
  /** Signed cost of the open quantity (negative for a short: proceeds received). */
  costBasis: Micros;
}

/** The holding after a fill, and the cash it moved (negative for a buy). */
export function applyFill(
  holding: Holding | undefined,
  fill: { symbol: string; assetClass: AssetClass; side: Side; qty: Nanos; price: Micros; fee: Micros },
): { holding: Holding; cash: Micros } {
  const signed = fill.side === 'buy' ? fill.qty : -fill.qty;
  const value = cashValue(fill.qty, fill.price, fill.assetClass);
  const cash = (fill.side === 'buy' ? -value : value) - fill.fee;
  const before = holding ?? { symbol: fill.symbol, assetClass: fill.assetClass, qty: 0n, costBasis: 0n };
  const after = before.qty + signed;
  let costBasis: Micros;
  if (before.qty === 0n || before.qty > 0n === signed > 0n) {
    // Opening or adding: the cost grows by this fill's value.
    costBasis = before.costBasis + (signed > 0n ? value : -value);
  } else if (after === 0n) {
    costBasis = 0n;
  } else if (after > 0n === before.qty > 0n) {
    // Reducing: the remaining quantity keeps its average cost.
    costBasis = (before.costBasis * after) / before.qty;
  } else {
    // Crossing zero: what is left is a new position at the fill price.
    costBasis =
      after > 0n
        ? cashValue(after, fill.price, fill.assetClass)
        : -cashValue(-after, fill.price, fill.assetClass);
  }
  return { holding: { ...before, qty: after, costBasis }, cash };
}

/** Market value of a holding at a mark: negative for a short. */
export function marketValue(h: Holding, mark: Micros): Micros {
  return cashValue(h.qty, mark, h.assetClass);
}

/** Average entry price per share (or per share of a contract): |cost| ÷ (|qty| × multiplier). */
export function averageEntry(h: Holding): Micros {
  const absQty = h.qty < 0n ? -h.qty : h.qty;
  const absCost = h.costBasis < 0n ? -h.costBasis : h.costBasis;
  return absQty === 0n ? 0n : (absCost * SHARE) / (absQty * contractMultiplier(h.assetClass));
}
