import type { AssetClass } from '../../domain/instruments';
import type { Db } from '../db';

/** qty in bigint nano-units, prices in bigint micro-dollars. */
export interface PositionRow {
  account_id: string;
  symbol: string;
  asset_class: AssetClass;
  qty: bigint;
  avg_entry_price: bigint;
  /** Total cost of the open quantity (with the contract multiplier), when the source reports it. */
  cost_basis: bigint | null;
  current_price: bigint;
  updated_at: number | bigint;
}

export function positionsRepo(db: Db) {
  const list = db
    .prepare<[string], PositionRow>(
      'SELECT * FROM positions WHERE account_id = ? AND qty <> 0 ORDER BY symbol',
    )
    .safeIntegers(true);
  return {
    list: (accountId: string) => list.all(accountId),
  };
}
