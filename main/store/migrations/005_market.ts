import type { Migration } from './index';

/** Market-data cache: OHLCV bars per symbol and timeframe. */
export const m005: Migration = {
  version: 5,
  name: 'market',
  up: `
CREATE TABLE bars (
  symbol TEXT NOT NULL,
  timeframe TEXT NOT NULL CHECK (timeframe IN ('1Min','5Min','15Min','1Hour','1Day')),
  -- Bar open time, epoch ms UTC.
  ts INTEGER NOT NULL,
  open INTEGER NOT NULL,
  high INTEGER NOT NULL,
  low INTEGER NOT NULL,
  close INTEGER NOT NULL,
  volume INTEGER NOT NULL,
  vwap INTEGER,
  trade_count INTEGER,
  source TEXT NOT NULL DEFAULT 'local',
  CHECK (low <= high AND low <= open AND low <= close AND high >= open AND high >= close),
  PRIMARY KEY (symbol, timeframe, ts)
) STRICT, WITHOUT ROWID;
`,
};
