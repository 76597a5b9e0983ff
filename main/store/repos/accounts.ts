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
  const insert = db.prepare(
    `INSERT INTO accounts (id, name, broker, mode, currency, broker_account_id, is_active, created_at)
     VALUES (@id, @name, @broker, @mode, @currency, @broker_account_id, @is_active, @created_at)`,
  );
  const clearActive = db.prepare('UPDATE accounts SET is_active = 0 WHERE is_active = 1');
  const markActive = db.prepare('UPDATE accounts SET is_active = 1 WHERE id = ?');
  return {
    list: () => list.all(),
    get: (id: string) => byId.get(id),
    active: () => active.get(),
    insert: (row: AccountRow) => void insert.run(row),
    /** Exactly one account is active at a time; switching is one transaction. */
    setActive: db.transaction((id: string) => {
      clearActive.run();
      if (markActive.run(id).changes !== 1) throw new Error(`no account with id ${id}`);
    }),
  };
}
