import type { Migration } from './index';

/** Strategies, their signals, workflow runs and the rebalance plans those runs produce. */
export const m002: Migration = {
  version: 2,
  name: 'strategies',
  up: `
CREATE TABLE strategies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local','composer','alchemiser','tradingview','demo')),
  source_url TEXT,
  config_json TEXT CHECK (config_json IS NULL OR json_valid(config_json)),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE workflow_runs (
  id TEXT PRIMARY KEY,
  correlation_id TEXT,
  kind TEXT NOT NULL DEFAULT 'rebalance',
  status TEXT NOT NULL CHECK (status IN ('PENDING','RUNNING','SELL_PHASE','BUY_PHASE','NOTIFYING','COMPLETED','FAILED')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  trades_planned INTEGER NOT NULL DEFAULT 0,
  trades_succeeded INTEGER NOT NULL DEFAULT 0,
  trades_failed INTEGER NOT NULL DEFAULT 0,
  error TEXT
) STRICT;
CREATE INDEX workflow_runs_started ON workflow_runs(started_at);

CREATE TABLE signals (
  id TEXT PRIMARY KEY,
  strategy_id TEXT NOT NULL REFERENCES strategies(id),
  run_id TEXT REFERENCES workflow_runs(id),
  symbol TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('BUY','SELL','HOLD')),
  -- Fraction 0..1 in parts per million (seed 000's target_allocation).
  target_allocation_ppm INTEGER,
  price INTEGER,
  qty INTEGER,
  reason TEXT,
  state TEXT NOT NULL DEFAULT 'generated',
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX signals_strategy_time ON signals(strategy_id, created_at);
CREATE INDEX signals_run ON signals(run_id);

CREATE TABLE rebalance_plans (
  id TEXT PRIMARY KEY,
  run_id TEXT REFERENCES workflow_runs(id),
  correlation_id TEXT,
  created_at INTEGER NOT NULL,
  total_portfolio_value INTEGER NOT NULL,
  total_trade_value INTEGER NOT NULL,
  buy_count INTEGER NOT NULL,
  sell_count INTEGER NOT NULL,
  hold_count INTEGER NOT NULL
) STRICT;
CREATE INDEX rebalance_plans_run ON rebalance_plans(run_id);

CREATE TABLE rebalance_plan_items (
  plan_id TEXT NOT NULL REFERENCES rebalance_plans(id) ON DELETE CASCADE,
  symbol TEXT NOT NULL,
  strategy_id TEXT REFERENCES strategies(id),
  current_weight_ppm INTEGER NOT NULL,
  target_weight_ppm INTEGER NOT NULL,
  current_value INTEGER NOT NULL,
  target_value INTEGER NOT NULL,
  trade_amount INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('BUY','SELL','HOLD')),
  priority INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (plan_id, symbol)
) STRICT, WITHOUT ROWID;
`,
};
