import fc from 'fast-check';
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

describe('return statistics (properties)', () => {
  const returns = fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { maxLength: 60 });

  it('compound is the product of growth factors, less one', () => {
    fc.assert(
      fc.property(returns, (rs) => {
        const product = rs.reduce((g, r) => g * (1 + r), 1);
        expect(compound(rs)).toBeCloseTo(product - 1, 12);
      }),
    );
  });

  it('max drawdown is the worst fall from any earlier peak of the index, between 0 and 1', () => {
    fc.assert(
      fc.property(returns, (rs) => {
        const index = [1];
        for (const r of rs) index.push(index.at(-1)! * (1 + r));
        let worst = 0;
        for (let j = 0; j < index.length; j++)
          for (let i = 0; i <= j; i++) worst = Math.max(worst, 1 - index[j]! / index[i]!);
        const dd = maxDrawdown(rs);
        expect(dd).toBeCloseTo(worst, 12);
        expect(dd).toBeGreaterThanOrEqual(0);
        expect(dd).toBeLessThan(1);
      }),
    );
  });

  it('sample standard deviation by its definition (n − 1), none below two values', () => {
    fc.assert(
      fc.property(returns, (rs) => {
        const sd = stdev(rs);
        if (rs.length < 2) {
          expect(sd).toBeNull();
          return;
        }
        const m = rs.reduce((a, b) => a + b, 0) / rs.length;
        const expected = Math.sqrt(rs.reduce((a, r) => a + (r - m) ** 2, 0) / (rs.length - 1));
        expect(sd).toBeCloseTo(expected, 12);
        expect(volatility(rs)).toBeCloseTo(expected * Math.sqrt(252), 10);
      }),
    );
  });

  it('win rate is the share of positive days among non-zero ones', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 })), (pnls) => {
        const decided = pnls.filter((p) => p !== 0);
        const expected = decided.length === 0 ? null : decided.filter((p) => p > 0).length / decided.length;
        expect(winRate(pnls)).toBe(expected);
      }),
    );
  });

  it('returns are measured only where capital was at work, each as P&L over that capital', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pnl: fc.integer({ min: -1_000, max: 1_000 }),
            base: fc.integer({ min: -10, max: 100_000 }),
          }),
          {
            maxLength: 30,
          },
        ),
        (days) => {
          const s = returnStats(days.map((d, i) => ({ date: `d${i}`, ...d })));
          const kept = days.map((d, i) => ({ ...d, date: `d${i}` })).filter((d) => d.base > 0);
          expect(s.dailyReturns.map((d) => d.date)).toEqual(kept.map((d) => d.date));
          s.dailyReturns.forEach((d, i) => expect(d.r).toBeCloseTo(kept[i]!.pnl / kept[i]!.base, 15));
          expect(s.cumulativeReturn === null).toBe(kept.length === 0);
          expect(s.maxDrawdown === null).toBe(kept.length === 0);
        },
      ),
    );
  });

  it('has a Sharpe only with variation, of the sign of the mean return', () => {
    fc.assert(
      fc.property(returns, (rs) => {
        const sd = stdev(rs);
        const sh = sharpe(rs);
        if (sd === null || sd === 0) {
          expect(sh).toBeNull();
          return;
        }
        const m = rs.reduce((a, b) => a + b, 0) / rs.length;
        expect(sh).toBeCloseTo((m / sd) * Math.sqrt(252), 9);
      }),
    );
  });
});
