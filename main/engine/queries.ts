import type { Account, PortfolioSummary } from '../contract/schemas';
import { portfolioSummary } from '../analytics/portfolio';
import type { Store } from '../store';
import type { AccountRow } from '../store/repos/accounts';

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    broker: row.broker,
    mode: row.mode,
    currency: row.currency,
    active: row.is_active === 1,
  };
}

/** Portfolio Overview for one account, entirely from the local SQLite cache (works offline). */
export function loadPortfolioSummary(store: Store, accountId: string): PortfolioSummary | null {
  const row = store.accounts.get(accountId);
  if (!row) return null;
  return portfolioSummary({
    account: toAccount(row),
    equity: store.equity.series(accountId),
    positions: store.positions.list(accountId),
    activity: store.activity.counts(accountId),
  });
}
