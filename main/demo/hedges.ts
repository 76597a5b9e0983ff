import { parseDate, formatDate, isTradingDay } from '../domain/calendar';
import { occSymbol, putDelta, putPrice } from './options';

const IMPLIED_VOL = 0.19;
const RATE = 0.045;
const ROLL_DTE = 21;

export interface HedgeState {
  id: string;
  optionSymbol: string;
  strike: number;
  expiration: string;
  contracts: number;
  entryPrice: number;
  entryDate: string;
  entryDelta: number;
  navAtEntry: number;
}

export interface HedgeAction {
  kind: 'open' | 'close' | 'expire';
  hedge: HedgeState;
  /** Per-share option price of the trade (×100 per contract). */
  price: number;
  reason: string;
}

/** Third Friday of the month two months after `date`: a 45–75 day protective put. */
export function hedgeExpiration(date: string): string {
  const t = new Date(parseDate(date));
  const year = t.getUTCFullYear();
  const month = t.getUTCMonth() + 2;
  const first = Date.UTC(year, month, 1);
  const offset = (5 - new Date(first).getUTCDay() + 7) % 7;
  let exp = first + (offset + 14) * 86_400_000;
  while (!isTradingDay(formatDate(exp))) exp -= 86_400_000;
  return formatDate(exp);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((parseDate(b) - parseDate(a)) / 86_400_000);
}

export function markPut(h: HedgeState, date: string, spot: number): { price: number; delta: number } {
  const years = daysBetween(date, h.expiration) / 365;
  return {
    price: putPrice(spot, h.strike, years, IMPLIED_VOL, RATE),
    delta: putDelta(spot, h.strike, years, IMPLIED_VOL, RATE),
  };
}

/**
 * Protective SPY puts about 7% out of the money, sized to ~0.4% of equity in premium,
 * rolled when 21 days remain. Returns today's trades; the book executes them.
 */
export function hedgeDecisions(
  active: HedgeState | null,
  date: string,
  spot: number,
  equity: number,
  nextId: () => string,
): HedgeAction[] {
  const actions: HedgeAction[] = [];
  if (active) {
    const dte = daysBetween(date, active.expiration);
    if (dte <= 0) {
      actions.push({
        kind: 'expire',
        hedge: active,
        price: Math.max(0, active.strike - spot),
        reason: 'expired',
      });
      active = null;
    } else if (dte <= ROLL_DTE) {
      const { price } = markPut(active, date, spot);
      // The minimum tick: a nearly worthless put still sells for a cent.
      actions.push({
        kind: 'close',
        hedge: active,
        price: Math.max(0.01, price),
        reason: `roll due: ${dte} days to expiration`,
      });
      active = null;
    }
  }
  if (!active) {
    const strike = Math.round(spot * 0.93);
    const expiration = hedgeExpiration(date);
    const years = daysBetween(date, expiration) / 365;
    const price = Math.max(0.05, putPrice(spot, strike, years, IMPLIED_VOL, RATE));
    const contracts = Math.max(1, Math.floor((equity * 0.004) / (price * 100)));
    actions.push({
      kind: 'open',
      price,
      reason: `protective put ${((strike / spot - 1) * 100).toFixed(1)}% OTM, ${daysBetween(date, expiration)} DTE`,
      hedge: {
        id: nextId(),
        optionSymbol: occSymbol('SPY', expiration, 'put', strike),
        strike,
        expiration,
        contracts,
        entryPrice: price,
        entryDate: date,
        entryDelta: putDelta(spot, strike, years, IMPLIED_VOL, RATE),
        navAtEntry: equity,
      },
    });
  }
  return actions;
}
