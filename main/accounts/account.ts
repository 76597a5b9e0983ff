import type { Account } from '../contract/schemas';
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
