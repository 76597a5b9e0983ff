import { describe, expect, it } from 'vitest';
import { compound, maxDrawdown, returnStats, sharpe, stdev, volatility, winRate } from './returns';

describe('portfolio return statistics', () => {
  it('measures each day’s return on the capital at work, and compounds them', () => {
    const s = returnStats([
      { date: '2026-01-05', pnl: 1_000, base: 110_000 },
      { date: '2026-01-06', pnl: -100, base: 106_000 },
      { date: '2026-01-07', pnl: 50, base: 0 }, // no capital at work: no return
    ]);
    expect(s.dailyReturns.map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06']);
    expect(s.dailyReturns[0]!.r).toBeCloseTo(1_000 / 110_000, 12);
    expect(s.dailyReturns[1]!.r).toBeCloseTo(-100 / 106_000, 12);
    expect(s.cumulativeReturn).toBeCloseTo((1 + 1_000 / 110_000) * (1 - 100 / 106_000) - 1, 12);
  });

  it('computes Sharpe and volatility with sample deviation and √252', () => {
    const rs = [0.01, -0.005, 0.002, 0.007];
    const m = (0.01 - 0.005 + 0.002 + 0.007) / 4;
    const sd = Math.sqrt(rs.reduce((a, r) => a + (r - m) ** 2, 0) / 3);
    expect(stdev(rs)).toBeCloseTo(sd, 15);
    expect(sharpe(rs)).toBeCloseTo((m / sd) * Math.sqrt(252), 12);
    expect(volatility(rs)).toBeCloseTo(sd * Math.sqrt(252), 12);
  });

  it('has no Sharpe or volatility without enough variation', () => {
    expect(sharpe([0.01])).toBeNull();
    expect(sharpe([0.01, 0.01])).toBeNull();
    expect(volatility([0.01])).toBeNull();
  });

  it('measures max drawdown from the running peak of the compounded index', () => {
    // 1 → 1.1 → 0.88 → 0.968 → 1.1616: trough 0.88 is 20% under the 1.1 peak.
    expect(maxDrawdown([0.1, -0.2, 0.1, 0.2])).toBeCloseTo(0.2, 12);
    expect(maxDrawdown([0.01, 0.02])).toBe(0);
  });

  it('counts wins among decided days only', () => {
    expect(winRate([1, -1, 0, 2])).toBeCloseTo(2 / 3, 15);
    expect(winRate([0, 0])).toBeNull();
  });

  it('compounds returns', () => {
    expect(compound([0.1, 0.1])).toBeCloseTo(0.21, 15);
  });

  it('answers nulls for a history without days', () => {
    const s = returnStats([]);
    expect(s.cumulativeReturn).toBeNull();
    expect(s.maxDrawdown).toBeNull();
    expect(s.winRate).toBeNull();
  });
});
