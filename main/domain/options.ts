/**
 * Option pricing and OCC symbols: Black–Scholes (no dividends), enough to value the demo book's
 * protective puts and to quote the simulated venue's contracts plausibly. Floats: these are
 * model values, rounded to exact ticks where they become prices.
 */

/** Black–Scholes put price. */
export function putPrice(spot: number, strike: number, years: number, vol: number, rate: number): number {
  if (years <= 0) return Math.max(0, strike - spot);
  const sd = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (rate + (vol * vol) / 2) * years) / sd;
  const d2 = d1 - sd;
  return strike * Math.exp(-rate * years) * normCdf(-d2) - spot * normCdf(-d1);
}

export function putDelta(spot: number, strike: number, years: number, vol: number, rate: number): number {
  if (years <= 0) return spot < strike ? -1 : 0;
  const d1 = (Math.log(spot / strike) + (rate + (vol * vol) / 2) * years) / (vol * Math.sqrt(years));
  return normCdf(d1) - 1;
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, error < 7.5e-8). */
export function normCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

/** Alpaca/OCC option symbol without padding, e.g. SPY260116P00550000. */
export function occSymbol(
  underlying: string,
  expiration: string,
  type: 'put' | 'call',
  strike: number,
): string {
  const ymd = expiration.slice(2, 4) + expiration.slice(5, 7) + expiration.slice(8, 10);
  return `${underlying}${ymd}${type === 'put' ? 'P' : 'C'}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
}

/** Black–Scholes call price (put–call parity). */
export function callPrice(spot: number, strike: number, years: number, vol: number, rate: number): number {
  if (years <= 0) return Math.max(0, spot - strike);
  return putPrice(spot, strike, years, vol, rate) + spot - strike * Math.exp(-rate * years);
}

export interface OccContract {
  underlying: string;
  /** Expiration date, YYYY-MM-DD. */
  expiration: string;
  type: 'put' | 'call';
  /** Strike in micro-dollars. */
  strike: bigint;
}

const OCC = /^([A-Z]{1,6})(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

/** Reads an OCC option symbol (SPY261218P00481000: SPY put, 2026-12-18, strike 481); null if not one. */
export function parseOcc(symbol: string): OccContract | null {
  const m = OCC.exec(symbol);
  if (!m) return null;
  const [, underlying, yy, mm, dd, cp, strike] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return {
    underlying,
    expiration: `20${yy}-${mm}-${dd}`,
    type: cp === 'C' ? 'call' : 'put',
    // The OCC strike is in thousandths of a dollar.
    strike: BigInt(strike) * 1_000n,
  };
}
