import type { PortfolioSummary } from '../contract/schemas';
import { toAccount } from '../accounts/account';
import { portfolioSummary } from '../analytics/portfolio';
import type { Store } from '../store';

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
