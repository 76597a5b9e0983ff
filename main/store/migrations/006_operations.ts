import type { Migration } from './index';

/** Webhook deliveries and risk events: persisted before they are acknowledged or acted on. */
export const m006: Migration = {
  version: 6,
  name: 'operations',
  up: `
CREATE TABLE webhook_events (
  id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL,
  source_ip TEXT,
  content_type TEXT,
  raw_body TEXT NOT NULL,
  -- Deliveries may repeat (TradingView's retry behaviour is undocumented): dedupe on this key.
  dedupe_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('received','rejected','accepted','executed','failed','duplicate')),
  strategy_id TEXT REFERENCES strategies(id),
  signal_id TEXT REFERENCES signals(id),
  order_id TEXT REFERENCES orders(id),
  error TEXT,
  processed_at INTEGER
) STRICT;
CREATE INDEX webhook_events_received ON webhook_events(received_at);
CREATE INDEX webhook_events_pending ON webhook_events(status) WHERE status IN ('received','accepted');

CREATE TABLE risk_events (
  id TEXT PRIMARY KEY,
  account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('verdict','breaker_tripped','breaker_reset','kill_switch_on','kill_switch_off','limit_warning')),
  order_id TEXT REFERENCES orders(id),
  verdict TEXT CHECK (verdict IS NULL OR verdict IN ('approve','reject')),
  -- Every rule evaluated with its numbers: [{rule, passed, value, limit, message}].
  rules_json TEXT CHECK (rules_json IS NULL OR json_valid(rules_json)),
  message TEXT NOT NULL
) STRICT;
CREATE INDEX risk_events_time ON risk_events(at);
`,
};
