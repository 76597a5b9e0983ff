import type { Db } from '../db';

/** Key/value settings stored as JSON; callers validate values with the contract's schemas. */
export function settingsRepo(db: Db) {
  const get = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const set = db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  return {
    /** The stored JSON text, or undefined when the key was never set. */
    getRaw(key: string): string | undefined {
      return get.get(key)?.value_json;
    },
    set(key: string, value: unknown, at: number): void {
      set.run(key, JSON.stringify(value), at);
    },
  };
}
