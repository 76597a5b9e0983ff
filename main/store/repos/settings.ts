import type { Db } from '../db';

/** Key/value settings stored as JSON; callers validate values with the contract's schemas. */
export function settingsRepo(db: Db) {
  const get = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const set = db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  return {
    get(key: string): unknown {
      const row = get.get(key);
      return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
    },
    set(key: string, value: unknown): void {
      set.run(key, JSON.stringify(value), Date.now());
    },
  };
}
