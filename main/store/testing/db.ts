import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configure, type Db } from '../db';
import { migrate } from '../migrate';
import { migrations } from '../migrations';

/** A real SQLite file in a fresh temp folder, migrated up to `version` (default: latest). */
export function tempDb(version?: number): { db: Db; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-db-'));
  const db = new Database(path.join(dir, 'keel.sqlite'));
  configure(db, false);
  migrate(db, version === undefined ? migrations : migrations.filter((m) => m.version <= version));
  return {
    db,
    dir,
    cleanup: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tableNames(db: Db): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

export function insertAccount(db: Db, id = 'acct-1', active = 1): void {
  db.prepare(
    "INSERT INTO accounts (id, name, broker, mode, is_active, created_at) VALUES (?, 'Test', 'simulated', 'paper', ?, ?)",
  ).run(id, active, T0);
}

export function insertStrategy(db: Db, id = 'strat-1'): void {
  db.prepare(
    "INSERT INTO strategies (id, name, display_name, kind, created_at) VALUES (?, ?, ?, 'momentum', ?)",
  ).run(id, id, id, T0);
}
