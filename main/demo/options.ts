/** Black–Scholes put price — enough to value the demo book's protective SPY puts plausibly. */
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
