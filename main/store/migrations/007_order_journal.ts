import type { Migration } from './index';

const STATUSES = `'pending_new','new','partially_filled','filled','pending_cancel','canceled','pending_replace','replaced','expired','rejected','held','done_for_day'`;

/**
 * The order journal. `order_events` is the append-only record of every state change of every
 * order, each with the event that caused it; the `orders` row is its projection (orders/journal.ts
 * folds the events, and a test rebuilds every row from them). `orders` is rebuilt here (SQLite
 * cannot change CHECK constraints in place) to add trailing stops, position effects (short,
 * cover, options open/close), order classes with parent/child legs, replace links, a unique
 * broker order id per account, allowed statuses, and orders placed outside Keel ('external').
 */
export const m007: Migration = {
  version: 7,
  name: 'order_journal',
  foreignKeysOff: true,
  up: `
CREATE TABLE orders_new (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  client_order_id TEXT NOT NULL,
  broker_order_id TEXT,
  symbol TEXT NOT NULL,
  asset_class TEXT NOT NULL DEFAULT 'us_equity' CHECK (asset_class IN ('us_equity','us_option','crypto')),
  side TEXT NOT NULL CHECK (side IN ('buy','sell')),
  -- With side: buy/open = long, sell/close = sell long, sell/open = short, buy/close = cover;
  -- for options the intents buy_to_open … sell_to_close. NULL when the broker does not say.
  position_effect TEXT CHECK (position_effect IS NULL OR position_effect IN ('open','close')),
  type TEXT NOT NULL CHECK (type IN ('market','limit','stop','stop_limit','trailing_stop')),
  time_in_force TEXT NOT NULL DEFAULT 'day' CHECK (time_in_force IN ('day','gtc','ioc','fok','opg','cls')),
  order_class TEXT NOT NULL DEFAULT 'simple' CHECK (order_class IN ('simple','bracket','oco','oto')),
  -- Legs of a bracket/OCO/OTO point at the order that holds them.
  parent_order_id TEXT REFERENCES orders(id),
  replaces_order_id TEXT REFERENCES orders(id),
  replaced_by_order_id TEXT REFERENCES orders(id),
  qty INTEGER,
  notional INTEGER,
  limit_price INTEGER,
  stop_price INTEGER,
  trail_price INTEGER,
  trail_bps INTEGER CHECK (trail_bps IS NULL OR trail_bps > 0),
  extended_hours INTEGER NOT NULL DEFAULT 0 CHECK (extended_hours IN (0,1)),
  status TEXT NOT NULL CHECK (status IN (${STATUSES})),
  filled_qty INTEGER NOT NULL DEFAULT 0 CHECK (filled_qty >= 0),
  avg_fill_price INTEGER,
  strategy_id TEXT REFERENCES strategies(id),
  source TEXT NOT NULL CHECK (source IN ('manual','webhook','strategy','rebalance','import','demo','external')),
  signal_id TEXT REFERENCES signals(id),
  run_id TEXT REFERENCES workflow_runs(id),
  correlation_id TEXT,
  arrival_bid INTEGER,
  arrival_ask INTEGER,
  arrival_at INTEGER,
  submitted_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  reject_reason TEXT,
  -- The journal's last event folded into this row.
  last_event_seq INTEGER,
  CHECK ((qty IS NULL) <> (notional IS NULL)),
  CHECK (type <> 'trailing_stop' OR ((trail_price IS NULL) <> (trail_bps IS NULL))),
  UNIQUE (account_id, client_order_id)
) STRICT;

INSERT INTO orders_new (id, account_id, client_order_id, broker_order_id, symbol, asset_class, side, type,
  time_in_force, qty, notional, limit_price, stop_price, status, filled_qty, avg_fill_price, strategy_id,
  source, signal_id, run_id, correlation_id, arrival_bid, arrival_ask, arrival_at, submitted_at, updated_at,
  reject_reason)
SELECT id, account_id, client_order_id, broker_order_id, symbol, asset_class, side, type,
  time_in_force, qty, notional, limit_price, stop_price, status, filled_qty, avg_fill_price, strategy_id,
  source, signal_id, run_id, correlation_id, arrival_bid, arrival_ask, arrival_at, submitted_at, updated_at,
  reject_reason
FROM orders;

DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE INDEX orders_account_time ON orders(account_id, submitted_at);
CREATE UNIQUE INDEX orders_broker_id ON orders(account_id, broker_order_id) WHERE broker_order_id IS NOT NULL;
CREATE INDEX orders_run ON orders(run_id) WHERE run_id IS NOT NULL;
CREATE INDEX orders_signal ON orders(signal_id) WHERE signal_id IS NOT NULL;
CREATE INDEX orders_parent ON orders(parent_order_id) WHERE parent_order_id IS NOT NULL;
CREATE INDEX orders_open ON orders(account_id, status) WHERE status NOT IN ('filled','canceled','replaced','expired','rejected');

CREATE TABLE order_events (
  -- The order in which events were applied, across all orders: the projection folds by it.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id TEXT NOT NULL REFERENCES orders(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('submitted','pending_new','new','partial_fill','fill','pending_cancel',
    'canceled','pending_replace','replaced','expired','rejected','done_for_day','held','restated')),
  -- The order after this event.
  status TEXT NOT NULL CHECK (status IN (${STATUSES})),
  filled_qty INTEGER NOT NULL CHECK (filled_qty >= 0),
  avg_fill_price INTEGER,
  broker_order_id TEXT,
  execution_id TEXT,
  fill_id TEXT REFERENCES fills(id),
  -- 'replaced': the order that replaced this one.
  related_order_id TEXT REFERENCES orders(id),
  -- Why: a rejection's or cancellation's reason, as the broker gave it.
  message TEXT,
  -- Who told us: Keel itself, the broker's answer or stream, a reconciliation, the simulator.
  origin TEXT NOT NULL CHECK (origin IN ('keel','broker','stream','reconcile','sim','demo')),
  -- The source event as received (venue JSON, or the simulator's record).
  payload TEXT CHECK (payload IS NULL OR json_valid(payload)),
  CHECK ((kind IN ('partial_fill','fill')) = (execution_id IS NOT NULL)),
  UNIQUE (order_id, execution_id)
) STRICT;
CREATE INDEX order_events_order ON order_events(order_id, seq);

CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;

-- Existing orders get one event that states them as they were (their history predates the journal).
INSERT INTO order_events (order_id, at, kind, status, filled_qty, avg_fill_price, broker_order_id, origin, payload)
SELECT id, updated_at, 'restated', status, filled_qty, avg_fill_price, broker_order_id, 'keel', NULL
FROM orders ORDER BY submitted_at, id;
UPDATE orders SET last_event_seq = (SELECT MAX(seq) FROM order_events e WHERE e.order_id = orders.id);

-- The embedded simulated broker's own state (the venue), apart from Keel's book as a real
-- broker's would be: its cash, orders, executions and holdings, so open orders survive a restart.
CREATE TABLE sim_venue (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  cash INTEGER NOT NULL,
  next_order INTEGER NOT NULL,
  next_execution INTEGER NOT NULL
) STRICT;
CREATE TABLE sim_venue_orders (
  account_id TEXT NOT NULL REFERENCES sim_venue(account_id) ON DELETE CASCADE,
  broker_order_id TEXT NOT NULL,
  open INTEGER NOT NULL CHECK (open IN (0,1)),
  body TEXT NOT NULL CHECK (json_valid(body)),
  PRIMARY KEY (account_id, broker_order_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE sim_venue_fills (
  account_id TEXT NOT NULL REFERENCES sim_venue(account_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  PRIMARY KEY (account_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE sim_venue_holdings (
  account_id TEXT NOT NULL REFERENCES sim_venue(account_id) ON DELETE CASCADE,
  symbol TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  PRIMARY KEY (account_id, symbol)
) STRICT, WITHOUT ROWID;
`,
};
