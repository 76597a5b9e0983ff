import type { Migration } from './index';

/** Option hedges (seed 000's hedge-positions) and every decision taken on them (hedge-history). */
export const m004: Migration = {
  version: 4,
  name: 'hedges',
  up: `
CREATE TABLE option_hedges (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  option_symbol TEXT NOT NULL,
  underlying_symbol TEXT NOT NULL,
  option_type TEXT NOT NULL CHECK (option_type IN ('put','call')),
  strike_price INTEGER NOT NULL,
  expiration_date TEXT NOT NULL,
  contracts INTEGER NOT NULL CHECK (contracts > 0),
  entry_price INTEGER NOT NULL,
  entry_date TEXT NOT NULL,
  entry_delta_ppm INTEGER,
  total_premium_paid INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','rolling','closed','expired')),
  roll_state TEXT NOT NULL DEFAULT 'holding' CHECK (roll_state IN ('holding','roll_due','rolling','profit_taking','closed')),
  current_price INTEGER,
  current_delta_ppm INTEGER,
  exit_price INTEGER,
  exit_date TEXT,
  realized_pnl INTEGER,
  nav_at_entry INTEGER,
  is_spread INTEGER NOT NULL DEFAULT 0 CHECK (is_spread IN (0,1)),
  short_leg_symbol TEXT,
  short_leg_strike INTEGER,
  short_leg_entry_price INTEGER
) STRICT;
CREATE INDEX option_hedges_account_status ON option_hedges(account_id, status);

CREATE TABLE hedge_decisions (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  hedge_id TEXT REFERENCES option_hedges(id),
  decided_at INTEGER NOT NULL,
  action TEXT NOT NULL,
  option_symbol TEXT,
  underlying_symbol TEXT,
  contracts INTEGER,
  premium INTEGER,
  details_json TEXT CHECK (details_json IS NULL OR json_valid(details_json))
) STRICT;
CREATE INDEX hedge_decisions_time ON hedge_decisions(account_id, decided_at);
`,
};
