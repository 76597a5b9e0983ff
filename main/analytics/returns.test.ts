import { describe, expect, it } from 'vitest';
import { compound, maxDrawdown, returnStats, sharpe, stdev, volatility, winRate } from './returns';

const day = (date: string, equity: number, deposits = 0, withdrawals = 0) => ({
  date,
  equity,
  deposits,
  withdrawals,
});

describe('portfolio return statistics', () => {
  it('excludes deposits and withdrawals from P&L and returns', () => {
    const s = returnStats([
      day('2026-01-02', 100_000),
      day('2026-01-05', 111_000, 10_000), // +1,000 of profit on 110,000 of capital
      day('2026-01-06', 105_900, 0, 5_000), // −100 of profit after a 5,000 withdrawal
    ]);
    expect(s.dailyPnl.map((d) => d.pnl)).toEqual([1_000, -100]);
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

  it('does not count a withdrawal as a drawdown', () => {
    const s = returnStats([day('2026-01-02', 100_000), day('2026-01-05', 50_000, 0, 50_000)]);
    expect(s.maxDrawdown).toBe(0);
    expect(s.dailyPnl[0]!.pnl).toBe(0);
  });

  it('counts wins among decided days only', () => {
    expect(winRate([1, -1, 0, 2])).toBeCloseTo(2 / 3, 15);
    expect(winRate([0, 0])).toBeNull();
  });

  it('compounds returns', () => {
    expect(compound([0.1, 0.1])).toBeCloseTo(0.21, 15);
  });

  it('answers nulls for an empty or one-day history', () => {
    const s = returnStats([day('2026-01-02', 100_000)]);
    expect(s.cumulativeReturn).toBeNull();
    expect(s.maxDrawdown).toBeNull();
    expect(s.winRate).toBeNull();
  });
});
