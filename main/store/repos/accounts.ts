import type { Db } from '../db';

export interface AccountRow {
  id: string;
  name: string;
  broker: 'simulated' | 'alpaca' | 'tradier';
  mode: 'demo' | 'paper' | 'live';
  currency: 'USD';
  broker_account_id: string | null;
  is_active: 0 | 1;
  created_at: number;
}

export function accountsRepo(db: Db) {
  const list = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY created_at, id');
  const byId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const active = db.prepare<[], AccountRow>('SELECT * FROM accounts WHERE is_active = 1');
  return {
    list: () => list.all(),
    get: (id: string) => byId.get(id),
    active: () => active.get(),
  };
}
