import type { Migration } from './index';

/** Accounts, settings and sync bookkeeping. */
export const m001: Migration = {
  version: 1,
  name: 'core',
  up: `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  broker TEXT NOT NULL CHECK (broker IN ('simulated','alpaca','tradier')),
  mode TEXT NOT NULL CHECK (mode IN ('demo','paper','live')),
  currency TEXT NOT NULL DEFAULT 'USD',
  broker_account_id TEXT,
  is_active INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0,1)),
  created_at INTEGER NOT NULL
) STRICT;
-- At most one active account.
CREATE UNIQUE INDEX accounts_one_active ON accounts(is_active) WHERE is_active = 1;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  updated_at INTEGER NOT NULL
) STRICT;

-- One row per synced source (e.g. 'dynamodb:alchemiser-prod-trade-ledger', 's3:reports').
CREATE TABLE sync_state (
  source TEXT PRIMARY KEY,
  cursor TEXT,
  status TEXT NOT NULL DEFAULT 'idle' CHECK (status IN ('idle','running','ok','error')),
  items_done INTEGER NOT NULL DEFAULT 0,
  items_total INTEGER,
  last_started_at INTEGER,
  last_synced_at INTEGER,
  last_error TEXT
) STRICT;
`,
};
