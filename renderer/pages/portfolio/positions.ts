import type { Position } from '../../../main/contract';

/** Largest market value first (shorts, being negative, last); ties by symbol. */
export function sortByMarketValue(positions: readonly Position[]): Position[] {
  return [...positions].sort(
    (a, b) => Number(b.marketValue) - Number(a.marketValue) || a.symbol.localeCompare(b.symbol),
  );
}
