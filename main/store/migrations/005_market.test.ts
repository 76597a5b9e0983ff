import { afterEach, describe, expect, it } from 'vitest';
import { T0, tableNames, tempDb } from '../testing/db';

describe('migration 005 market', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());
  const insert = (ts: number, o: number, h: number, l: number, c: number) =>
    env.db
      .prepare(
        "INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume) VALUES ('SPY', '1Min', ?, ?, ?, ?, ?, 100)",
      )
      .run(ts, o, h, l, c);

  it('adds the bars table', () => {
    env = tempDb(5);
    expect(tableNames(env.db)).toContain('bars');
  });

  it('keeps one bar per symbol, timeframe and time', () => {
    env = tempDb(5);
    insert(T0, 10, 12, 9, 11);
    expect(() => insert(T0, 10, 12, 9, 11)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('refuses a bar whose high and low do not bound open and close', () => {
    env = tempDb(5);
    expect(() => insert(T0, 10, 9, 8, 9)).toThrow(/CHECK/);
    expect(() => insert(T0 + 60_000, 10, 12, 11, 11)).toThrow(/CHECK/);
  });
});
