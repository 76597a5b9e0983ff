import type { AssetClass, Micros, Side } from '../brokers/types';
import { notional } from '../domain/fixed';
import { applyFill, type Holding } from '../domain/holdings';
import { contractMultiplier } from '../domain/instruments';

/** The demo account's cash and holdings, kept with the simulated venue's accounting rules. */
export class Ledger {
  readonly holdings = new Map<string, Holding>();

  constructor(public cash: Micros) {}

  fill(
    symbol: string,
    assetClass: AssetClass,
    side: Side,
    f: { qty: bigint; price: Micros; fee: Micros },
  ): void {
    const { holding, cash } = applyFill(this.holdings.get(symbol), { symbol, assetClass, side, ...f });
    this.holdings.set(symbol, holding);
    this.cash += cash;
  }

  /** A holding that ends without a trade (an option expiring): it goes, its settlement is cash. */
  settle(symbol: string, cash: Micros): void {
    this.holdings.delete(symbol);
    this.cash += cash;
  }

  qty(symbol: string): bigint {
    return this.holdings.get(symbol)?.qty ?? 0n;
  }

  /** Cash plus every holding at its mark (per share; options × 100), as the snapshots store it. */
  equity(mark: (h: Holding) => Micros): Micros {
    let total = this.cash;
    for (const h of this.holdings.values())
      if (h.qty !== 0n) total += notional(h.qty, mark(h)) * contractMultiplier(h.assetClass);
    return total;
  }
}
