/**
 * Option quotes at the simulated venue: an OCC contract is quoted from its underlying's live
 * quote by Black–Scholes (domain/options), at an implied volatility from the market's VIX, with
 * a spread as listed options show it — a cent to five cents wide below $3 (penny increments),
 * wider and in nickels above — and displayed sizes a tenth of the underlying's, in contracts.
 *
 * Wraps the market the venue trades on: equity symbols pass through; a contract is quoted on
 * demand and on every tick of its underlying once something asked for it (an order, a position,
 * a quote request).
 */
import { newYorkTime } from '../../domain/calendar';
import { REGULAR_CLOSE_MIN, type Phase } from '../../domain/sessions';
import { callPrice, parseOcc, putPrice, type OccContract } from '../../domain/options';
import type { PhaseListener, QuoteListener, QuoteSource } from '../../market/sim/feed';
import type { Micros, Quote } from '../types';

const YEAR_MS = 365.25 * 24 * 3_600_000;
const CENT = 10_000n;
const NICKEL = 50_000n;
const THREE_DOLLARS = 3_000_000n;
/** A flat risk-free rate for the model. */
const RATE = 0.04;

/** An option's price increment: a cent below $3, a nickel from $3 (the penny pilot's rule). */
export const optionTick = (price: Micros): Micros => (price < THREE_DOLLARS ? CENT : NICKEL);

/** The expiry instant of a contract: 16:00 New York on its expiration date. */
export function expiresAt(c: OccContract): number {
  return newYorkTime(c.expiration, REGULAR_CLOSE_MIN);
}

/** Bid and ask around a model value, micro-dollars: penny-wide to 5¢ below $3, nickels above. */
export function optionSpread(theo: Micros): { bid: Micros; ask: Micros } {
  if (theo < THREE_DOLLARS) {
    // 2% of the value, at least a cent and at most five.
    let width = ((theo * 2n) / 100n / CENT) * CENT;
    width = width < CENT ? CENT : width > 5n * CENT ? 5n * CENT : width;
    return around(theo, width, CENT);
  }
  // 3% of the value in nickels, from one nickel to a dollar.
  let width = ((theo * 3n) / 100n / NICKEL) * NICKEL;
  width = width < NICKEL ? NICKEL : width > 20n * NICKEL ? 20n * NICKEL : width;
  return around(theo, width, NICKEL);
}

/** A quote `width` wide on `tick`s with the value inside it: bid ≤ theo ≤ ask, bid ≥ 0. */
function around(theo: Micros, width: Micros, tick: Micros): { bid: Micros; ask: Micros } {
  let bid = theo > width / 2n ? ((theo - width / 2n) / tick) * tick : 0n;
  while (bid + width < theo) bid += tick;
  return { bid, ask: bid + width };
}

/** A contract's quote from its underlying's, or null when the underlying is not quoted. */
export function optionQuote(symbol: string, c: OccContract, underlying: Quote, vol: number): Quote {
  const spot = Number(underlying.bid + underlying.ask) / 2 / 1e6;
  const strike = Number(c.strike) / 1e6;
  const years = (expiresAt(c) - underlying.at) / YEAR_MS;
  const value =
    c.type === 'call' ? callPrice(spot, strike, years, vol, RATE) : putPrice(spot, strike, years, vol, RATE);
  const theo = BigInt(Math.max(0, Math.round(value * 1e6)));
  const { bid, ask } = optionSpread(theo);
  const size = Math.max(1, Math.min(500, Math.round(Math.min(underlying.bidSize, underlying.askSize) / 10)));
  return { symbol, bid, ask, bidSize: size, askSize: size, last: null, at: underlying.at };
}

export class OptionQuotes implements QuoteSource {
  /** Contracts quoted on their underlying's ticks, by underlying. */
  private readonly watched = new Map<string, Map<string, OccContract>>();

  constructor(
    private readonly market: QuoteSource,
    /** Implied volatility, annualised (0.16 for a VIX of 16). */
    private readonly vol: () => number,
  ) {}

  /** Quotes this contract on every tick of its underlying from now on. */
  watch(symbol: string): OccContract | null {
    const c = parseOcc(symbol);
    if (!c) return null;
    let set = this.watched.get(c.underlying);
    if (!set) this.watched.set(c.underlying, (set = new Map()));
    set.set(symbol, c);
    return c;
  }

  latest(symbol: string): Quote | null {
    const c = this.watch(symbol);
    if (!c) return this.market.latest(symbol);
    const u = this.market.latest(c.underlying);
    return u ? optionQuote(symbol, c, u, this.vol()) : null;
  }

  subscribe(listener: QuoteListener): () => void {
    return this.market.subscribe((q) => {
      listener(q);
      const contracts = this.watched.get(q.symbol);
      if (!contracts) return;
      const vol = this.vol();
      for (const [symbol, c] of contracts) listener(optionQuote(symbol, c, q, vol));
    });
  }

  onPhase(listener: PhaseListener): () => void {
    return this.market.onPhase(listener);
  }

  phase(at?: number): { phase: Phase } {
    return this.market.phase(at);
  }
}
