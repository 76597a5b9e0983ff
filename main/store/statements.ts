import type Database from 'better-sqlite3';
import type { Db } from './db';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection: hot paths (booking every fill) would
 * otherwise spend most of their time compiling the same SQL again.
 */
export function stmt(db: Db, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}
