import type { Db } from '../db';

/** Amounts are bigint micro-dollars (statements run with safeIntegers). */
export interface EquityRow {
  account_id: string;
  date: string;
  equity: bigint;
  cash: bigint;
  deposits: bigint;
  withdrawals: bigint;
}

export function equityRepo(db: Db) {
  const series = db
    .prepare<[string], EquityRow>(
      'SELECT account_id, date, equity, cash, deposits, withdrawals FROM equity_snapshots WHERE account_id = ? ORDER BY date',
    )
    .safeIntegers(true);
  return {
    series: (accountId: string) => series.all(accountId),
  };
}
