import type { Migration } from './index';

/**
 * The trading book: equity snapshots, positions, orders and fills.
 * Money and prices are INTEGER micro-units (1e-6 USD), quantities INTEGER nano-units (1e-9);
 * instants are INTEGER epoch milliseconds UTC; session dates TEXT YYYY-MM-DD (New York).
 */
export const m003: Migration = {
  version: 3,
  name: 'book',
  up: `
CREATE TABLE equity_snapshots (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  equity INTEGER NOT NULL,
  cash INTEGER NOT NULL,
  deposits INTEGER NOT NULL DEFAULT 0 CHECK (deposits >= 0),
  withdrawals INTEGER NOT NULL DEFAULT 0 CHECK (withdrawals >= 0),
  source TEXT NOT NULL DEFAULT 'local',
  PRIMARY KEY (account_id, date)
) STRICT, WITHOUT ROWID;

CREATE TABLE positions (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  symbol TEXT NOT NULL,
  asset_class TEXT NOT NULL DEFAULT 'us_equity' CHECK (asset_class IN ('us_equity','us_option','crypto')),
  qty INTEGER NOT NULL,
  avg_entry_price INTEGER NOT NULL,
  -- Total cost of the open quantity, as brokers report it (Alpaca's cost_basis): exact, where
  -- qty × a rounded average price would be off by micro-dollars. NULL when a source lacks it.
  cost_basis INTEGER,
  current_price INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, symbol)
) STRICT, WITHOUT ROWID;

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- Our idempotency key: a retried submission reuses it, so a broker never gets a duplicate.
  client_order_id TEXT NOT NULL,
  broker_order_id TEXT,
  symbol TEXT NOT NULL,
  asset_class TEXT NOT NULL DEFAULT 'us_equity',
  side TEXT NOT NULL CHECK (side IN ('buy','sell')),
  type TEXT NOT NULL CHECK (type IN ('market','limit','stop','stop_limit')),
  time_in_force TEXT NOT NULL DEFAULT 'day',
  qty INTEGER,
  notional INTEGER,
  limit_price INTEGER,
  stop_price INTEGER,
  status TEXT NOT NULL,
  filled_qty INTEGER NOT NULL DEFAULT 0,
  avg_fill_price INTEGER,
  strategy_id TEXT REFERENCES strategies(id),
  source TEXT NOT NULL CHECK (source IN ('manual','webhook','strategy','rebalance','import','demo')),
  signal_id TEXT REFERENCES signals(id),
  run_id TEXT REFERENCES workflow_runs(id),
  correlation_id TEXT,
  -- Quote when the order was decided: the benchmark for slippage (TCA).
  arrival_bid INTEGER,
  arrival_ask INTEGER,
  arrival_at INTEGER,
  submitted_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  reject_reason TEXT,
  CHECK ((qty IS NULL) <> (notional IS NULL)),
  UNIQUE (account_id, client_order_id)
) STRICT;
CREATE INDEX orders_account_time ON orders(account_id, submitted_at);
CREATE INDEX orders_broker_id ON orders(broker_order_id) WHERE broker_order_id IS NOT NULL;
CREATE INDEX orders_run ON orders(run_id) WHERE run_id IS NOT NULL;
CREATE INDEX orders_signal ON orders(signal_id) WHERE signal_id IS NOT NULL;

CREATE TABLE fills (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- The venue's execution id: duplicates from a stream are dropped by this key.
  execution_id TEXT NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy','sell')),
  qty INTEGER NOT NULL CHECK (qty > 0),
  price INTEGER NOT NULL CHECK (price > 0),
  -- qty × price, exact, rounded once to micros: sums of notional are then exact too.
  notional INTEGER NOT NULL,
  fee INTEGER NOT NULL DEFAULT 0,
  filled_at INTEGER NOT NULL,
  bid_at_fill INTEGER,
  ask_at_fill INTEGER,
  UNIQUE (account_id, execution_id)
) STRICT;
CREATE INDEX fills_account_time ON fills(account_id, filled_at);
CREATE INDEX fills_symbol_time ON fills(symbol, filled_at);
CREATE INDEX fills_order ON fills(order_id);

-- Attribution of a fill to the strategies whose merged signal caused it (seed 000's
-- strategy_weights). Weights are parts per million and sum to 1,000,000 per fill.
CREATE TABLE fill_allocations (
  fill_id TEXT NOT NULL REFERENCES fills(id) ON DELETE CASCADE,
  strategy_id TEXT NOT NULL REFERENCES strategies(id),
  weight_ppm INTEGER NOT NULL CHECK (weight_ppm > 0 AND weight_ppm <= 1000000),
  PRIMARY KEY (fill_id, strategy_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX fill_allocations_strategy ON fill_allocations(strategy_id);
`,
};
