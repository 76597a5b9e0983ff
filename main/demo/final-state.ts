import { newYorkTime } from '../domain/calendar';
import { averageEntry, type Holding } from '../domain/holdings';
import { markPut, type HedgeState } from './hedges';
import type { Ledger } from './ledger';
import { DEMO_ACCOUNT_ID } from './record';
import { centsToMicros, ppm } from './units';
import type { DemoWriter } from './writer';

/**
 * The book's last day: its open positions at that day's closes (the put at its model price) —
 * what the simulated broker continues from.
 */
export function writeFinalState(
  write: DemoWriter,
  lastDate: string,
  ledger: Ledger,
  hedge: HedgeState | null,
  mark: (h: Holding) => bigint,
  spyClose: number,
): void {
  const updatedAt = newYorkTime(lastDate, 16 * 60);
  const open = [...ledger.holdings.values()].filter((h) => h.qty !== 0n);
  for (const h of open.sort((a, b) => a.symbol.localeCompare(b.symbol))) {
    write.position.run({
      account_id: DEMO_ACCOUNT_ID,
      symbol: h.symbol,
      asset_class: h.assetClass,
      qty: h.qty,
      avg_entry_price: averageEntry(h),
      cost_basis: h.costBasis,
      current_price: mark(h),
      updated_at: updatedAt,
    });
  }
  if (hedge) {
    const { price, delta } = markPut(hedge, lastDate, spyClose);
    write.hedgeMark.run(centsToMicros(price), ppm(delta), hedge.id);
  }
}
