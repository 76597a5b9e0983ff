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
  const upsert = db.prepare(
    `INSERT INTO positions (account_id, symbol, asset_class, qty, avg_entry_price, cost_basis, current_price, updated_at)
     VALUES (@account_id, @symbol, @asset_class, @qty, @avg_entry_price, @cost_basis, @current_price, @updated_at)
     ON CONFLICT (account_id, symbol) DO UPDATE SET asset_class = excluded.asset_class, qty = excluded.qty,
       avg_entry_price = excluded.avg_entry_price, cost_basis = excluded.cost_basis, current_price = excluded.current_price, updated_at = excluded.updated_at`,
  );
  return {
    list: (accountId: string) => list.all(accountId),
    upsert: (row: PositionRow) => void upsert.run(row),
  };
}
