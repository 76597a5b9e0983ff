/**
 * The simulated broker's fill model: given a working order and the quote of this tick, which
 * executions happen. Pure, so the same rules serve the live simulator, the demo book and the
 * property tests.
 *
 * - Market orders (and triggered stops) take the displayed size at the touch — the ask for a buy,
 *   the bid for a sell — and walk the book for the rest: each further level holds the same size
 *   one tick worse (size-dependent impact). Configurable slippage (bps) is added on top.
 * - Limit orders fill only while marketable, at most the displayed size per tick, at the touch
 *   (which may be better than the limit): a large limit order fills over several ticks.
 * - Stops trigger on the touch crossing the stop; stop-limits then work as limits.
 * - Trailing stops follow the best touch since placement (the bid for a sell, the ask for a buy).
 * - IOC fills what this tick offers and cancels the rest; FOK fills all now or nothing.
 */
import type { AssetClass, Micros, Nanos, Quote, Side, Trail } from '../types';
import { optionTick } from './option-quotes';

const SHARE = 1_000_000_000n;

export interface FillModel {
  /** Extra cost of a marketable order, basis points of the touch. */
  slippageBps: number;
  /** How many book levels a market order may walk before the rest waits for the next tick. */
  maxLevels: number;
}

export const DEFAULT_FILL_MODEL: FillModel = { slippageBps: 0, maxLevels: 20 };

export interface Working {
  side: Side;
  type: 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
  timeInForce: 'day' | 'gtc' | 'ioc' | 'fok' | 'opg' | 'cls';
  /** Quantity still to fill. */
  leaves: Nanos;
  limitPrice: Micros | null;
  stopPrice: Micros | null;
  trail: Trail | null;
  /** Set once a stop or trailing stop has triggered. */
  triggered: boolean;
  /** Trailing stop: best touch seen so far (highest bid for a sell, lowest ask for a buy). */
  anchor: Micros | null;
  /** What it trades, for its price increments; absent (states saved before it) is equities. */
  assetClass?: AssetClass;
}

export interface Execution {
  qty: Nanos;
  price: Micros;
}

export interface MatchResult {
  executions: Execution[];
  /** The order after this tick (trigger and anchor updated, leaves reduced). */
  next: Working;
  /** IOC/FOK: what did not fill is cancelled. */
  cancelRest: boolean;
}

/**
 * Price increment. Equities: one cent from $1 up, a hundredth of a cent below (Reg NMS sub-penny
 * rule). Options: a cent below $3, a nickel from $3, as their quotes (option-quotes.ts).
 */
export function tickSize(price: Micros, assetClass: AssetClass = 'us_equity'): Micros {
  if (assetClass === 'us_option') return optionTick(price);
  return price >= 1_000_000n ? 10_000n : 100n;
}

/** Rounds a price to its tick, away from the trader (up for a buy, down for a sell). */
export function roundToTick(price: Micros, side: Side, assetClass: AssetClass = 'us_equity'): Micros {
  const tick = tickSize(price, assetClass);
  const rem = ((price % tick) + tick) % tick;
  if (rem === 0n) return price;
  return side === 'buy' ? price - rem + tick : price - rem;
}

/** The stop price a trailing stop holds for its anchor. */
export function trailingStop(side: Side, anchor: Micros, trail: Trail): Micros {
  const offset = trail.kind === 'price' ? trail.amount : (anchor * BigInt(trail.bps)) / 10_000n;
  return side === 'sell' ? anchor - offset : anchor + offset;
}

function touch(quote: Quote, side: Side): { price: Micros; size: Nanos } {
  return side === 'buy'
    ? { price: quote.ask, size: BigInt(quote.askSize) * SHARE }
    : { price: quote.bid, size: BigInt(quote.bidSize) * SHARE };
}

function withSlippage(price: Micros, side: Side, bps: number, assetClass: AssetClass): Micros {
  if (bps === 0) return price;
  const delta = (price * BigInt(Math.round(bps * 100))) / 1_000_000n;
  return roundToTick(side === 'buy' ? price + delta : price - delta, side, assetClass);
}

/** Executions of `qty` taking liquidity, walking up to `levels` levels, never past `limit`. */
function take(
  quote: Quote,
  side: Side,
  qty: Nanos,
  levels: number,
  slippageBps: number,
  limit: Micros | null,
  assetClass: AssetClass,
): Execution[] {
  const top = touch(quote, side);
  if (top.size <= 0n || top.price <= 0n) return [];
  const out: Execution[] = [];
  let left = qty;
  for (let level = 0; level < levels && left > 0n; level++) {
    const tick = tickSize(top.price, assetClass);
    const levelPrice = side === 'buy' ? top.price + tick * BigInt(level) : top.price - tick * BigInt(level);
    if (levelPrice <= 0n) break;
    if (limit !== null && (side === 'buy' ? levelPrice > limit : levelPrice < limit)) break;
    const price = withSlippage(levelPrice, side, slippageBps, assetClass);
    const qtyHere = left < top.size ? left : top.size;
    out.push({ qty: qtyHere, price });
    left -= qtyHere;
  }
  return out;
}

function crossed(side: Side, quote: Quote, stop: Micros): boolean {
  // A buy stop triggers when the market trades up to it, a sell stop when it trades down to it.
  return side === 'buy' ? quote.ask >= stop : quote.bid <= stop;
}

/** What a working order does on this quote. */
export function match(order: Working, quote: Quote, model: FillModel = DEFAULT_FILL_MODEL): MatchResult {
  let next: Working = { ...order };
  const immediate = order.timeInForce === 'ioc' || order.timeInForce === 'fok';

  if (order.type === 'trailing_stop' && !order.triggered && order.trail) {
    const best = order.side === 'sell' ? quote.bid : quote.ask;
    const anchor =
      order.anchor === null
        ? best
        : order.side === 'sell'
          ? best > order.anchor
            ? best
            : order.anchor
          : best < order.anchor
            ? best
            : order.anchor;
    next = { ...next, anchor, stopPrice: trailingStop(order.side, anchor, order.trail) };
  }
  if (
    (order.type === 'stop' || order.type === 'stop_limit' || order.type === 'trailing_stop') &&
    !next.triggered
  ) {
    if (next.stopPrice === null || !crossed(order.side, quote, next.stopPrice))
      return { executions: [], next, cancelRest: immediate };
    next = { ...next, triggered: true };
  }

  const limit = order.type === 'limit' || order.type === 'stop_limit' ? order.limitPrice : null;
  const levels = limit === null ? model.maxLevels : 1;
  // Slippage is the cost of taking liquidity at any price; a limit order names its own worst price.
  let executions = take(
    quote,
    order.side,
    order.leaves,
    levels,
    limit === null ? model.slippageBps : 0,
    limit,
    order.assetClass ?? 'us_equity',
  );
  const filled = executions.reduce((sum, e) => sum + e.qty, 0n);
  if (order.timeInForce === 'fok' && filled < order.leaves) executions = [];
  const done = executions.reduce((sum, e) => sum + e.qty, 0n);
  next = { ...next, leaves: order.leaves - done };
  return { executions, next, cancelRest: immediate && next.leaves > 0n };
}
