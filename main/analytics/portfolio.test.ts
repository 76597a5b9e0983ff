import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, qty } from '../domain/fixed';
import { portfolioSummary } from './portfolio';
import type { EquityRow } from '../store/repos/equity';
import type { PositionRow } from '../store/repos/positions';

const account = {
  id: 'a',
  name: 'A',
  broker: 'simulated',
  mode: 'paper',
  currency: 'USD',
  active: true,
  trading: null,
} as const;
const activity = { fills: 0, orders: 0, strategies: 0, symbols: 0 };
/** The summary of an account with only this equity history (positions, if any, given apart). */
const summaryOf = (equity: EquityRow[], positions: PositionRow[] = []) =>
  portfolioSummary({ account, activity, equity, positions });
const eq = (date: string, equity: string, deposits = '0', withdrawals = '0'): EquityRow => ({
  account_id: 'a',
  date,
  equity: money(equity),
  cash: money('0'),
  deposits: money(deposits),
  withdrawals: money(withdrawals),
});

describe('portfolio summary', () => {
  it('counts the opening balance and later flows as deposits, the rest as P&L, to the cent', () => {
    const s = summaryOf([
      eq('2026-01-30', '10000.10'),
      eq('2026-02-02', '10600.30', '500.00'),
      eq('2026-02-03', '10400.20', '0', '250.05'),
    ]);
    expect(s.netDeposits).toBe('10250.05');
    expect(s.totalPnl).toBe('150.15');
    expect(s.dayPnl).toBe('49.95');
    expect(s.monthlyReturns).toEqual([
      expect.objectContaining({
        year: 2026,
        month: 2,
        pnl: '150.15',
        deposits: '500.00',
        withdrawals: '250.05',
      }),
    ]);
    expect(s.dailyPnl.map((d) => d.pnl)).toEqual([100.2, 49.95]);
  });

  it('values an option position with its 100-share multiplier and sorts by market value', () => {
    const s = summaryOf(
      [eq('2026-01-30', '20000')],
      [
        {
          account_id: 'a',
          symbol: 'SPY261218P00485000',
          asset_class: 'us_option',
          qty: qty('2'),
          avg_entry_price: money('3.10'),
          cost_basis: null,
          current_price: money('2.19'),
          updated_at: 0,
        },
        {
          account_id: 'a',
          symbol: 'SPY',
          asset_class: 'us_equity',
          qty: qty('10'),
          avg_entry_price: money('500'),
          cost_basis: null,
          current_price: money('522.04'),
          updated_at: 0,
        },
      ],
    );
    expect(s.positions.map((p) => p.symbol)).toEqual(['SPY', 'SPY261218P00485000']);
    const put = s.positions[1]!;
    expect(put.marketValue).toBe('438.00');
    expect(put.costBasis).toBe('620.00');
    expect(put.unrealizedPnl).toBe('-182.00');
    expect(put.unrealizedPnlPct).toBeCloseTo(-182 / 620, 12);
    expect(s.positions[0]!.weight).toBeCloseTo(5220.4 / 20000, 12);
  });

  it('answers an empty account without inventing numbers', () => {
    const s = summaryOf([]);
    expect(s).toMatchObject({
      asOf: null,
      equity: '0.00',
      totalPnl: '0.00',
      dayPnl: null,
      sharpe: null,
      winRate: null,
    });
    expect(s.equityCurve).toEqual([]);
  });
});

describe('win rate', () => {
  it('counts a day that moved only by a deposit as neither win nor loss (review finding)', () => {
    const s = summaryOf([
      eq('2026-03-02', '26123.186158'),
      eq('2026-03-03', '26236.482773', '113.296615'),
      eq('2026-03-04', '26336.482773'),
      eq('2026-03-05', '26286.482773'),
      eq('2026-03-06', '26186.482773'),
    ]);
    expect(s.dailyPnl.map((d) => d.pnl)).toEqual([0, 100, -50, -100]);
    expect(s.winRate).toBeCloseTo(1 / 3, 15);
  });
});

describe('cost basis', () => {
  it('uses the exact cost basis when the source reports it, not qty × a rounded average', () => {
    // 3 shares bought for 100.00 in total: the average 33.333333 loses a micro-dollar.
    const s = summaryOf(
      [eq('2026-01-30', '1000')],
      [
        {
          account_id: 'a',
          symbol: 'X',
          asset_class: 'us_equity',
          qty: qty('3'),
          avg_entry_price: money('33.333333'),
          cost_basis: money('100'),
          current_price: money('40'),
          updated_at: 0,
        },
      ],
    );
    expect(s.positions[0]).toMatchObject({
      costBasis: '100.00',
      unrealizedPnl: '20.00',
      marketValue: '120.00',
    });
  });
});

describe('yearly returns', () => {
  it('compound each year’s daily returns and sum its P&L exactly, across a year end', () => {
    const s = summaryOf([
      eq('2025-12-30', '1000'),
      eq('2025-12-31', '1100'),
      eq('2026-01-02', '990'),
      eq('2026-01-05', '1089'),
    ]);
    expect(s.yearlyReturns).toEqual([
      { year: 2025, return: expect.closeTo(0.1, 12), pnl: '100.00' },
      { year: 2026, return: expect.closeTo(0.9 * 1.1 - 1, 12), pnl: '-11.00' },
    ]);
  });
});

describe('deposits and withdrawals', () => {
  it('are excluded from P&L and returns', () => {
    const s = summaryOf([
      eq('2026-01-02', '100000'),
      eq('2026-01-05', '111000', '10000'), // +1,000 of profit on 110,000 of capital
      eq('2026-01-06', '105900', '0', '5000'), // −100 of profit after a 5,000 withdrawal
    ]);
    expect(s.dailyPnl.map((d) => d.pnl)).toEqual([1_000, -100]);
    expect(s.cumulativeReturn).toBeCloseTo((1 + 1_000 / 110_000) * (1 - 100 / 106_000) - 1, 12);
  });

  it('a withdrawal is not a drawdown', () => {
    const s = summaryOf([eq('2026-01-02', '100000'), eq('2026-01-05', '50000', '0', '50000')]);
    expect(s.maxDrawdown).toBe(0);
    expect(s.dailyPnl).toEqual([{ date: '2026-01-05', pnl: 0 }]);
  });

  it('a one-day history has no returns to speak of', () => {
    const s = summaryOf([eq('2026-01-02', '100000')]);
    expect(s).toMatchObject({
      cumulativeReturn: null,
      maxDrawdown: null,
      winRate: null,
      sharpe: null,
      dayPnl: null,
    });
  });
});

describe('positions', () => {
  const pos = (
    symbol: string,
    q: string,
    avg: string,
    now: string,
    over: Partial<PositionRow> = {},
  ): PositionRow => ({
    account_id: 'a',
    symbol,
    asset_class: 'us_equity',
    qty: qty(q),
    avg_entry_price: money(avg),
    cost_basis: null,
    current_price: money(now),
    updated_at: 0,
    ...over,
  });
  const positionsOf = (rows: PositionRow[], equity = '100000') =>
    summaryOf([eq('2026-01-30', equity)], rows).positions;

  it('shows a short in profit as a positive percentage, and one at a loss as negative', () => {
    const [profit] = positionsOf([pos('TSLA', '-10', '100', '90')]);
    expect(profit).toMatchObject({ marketValue: '-900.00', costBasis: '-1000.00', unrealizedPnl: '100.00' });
    expect(profit!.unrealizedPnlPct).toBeCloseTo(0.1, 15);
    const [loss] = positionsOf([pos('TSLA', '-10', '100', '110')]);
    expect(loss).toMatchObject({ marketValue: '-1100.00', unrealizedPnl: '-100.00' });
    expect(loss!.unrealizedPnlPct).toBeCloseTo(-0.1, 15);
  });

  it('shows a long in profit as positive and at a loss as negative', () => {
    expect(positionsOf([pos('AAPL', '10', '100', '125')])[0]!.unrealizedPnlPct).toBeCloseTo(0.25, 15);
    expect(positionsOf([pos('AAPL', '10', '100', '80')])[0]!.unrealizedPnlPct).toBeCloseTo(-0.2, 15);
  });

  it('has no percentage without a cost, and no weight without equity', () => {
    const [free] = positionsOf([pos('GIFT', '5', '0', '10')]);
    expect(free).toMatchObject({ costBasis: '0.00', unrealizedPnl: '50.00', unrealizedPnlPct: null });
    const [unweighted] = positionsOf([pos('SPY', '1', '500', '510')], '0');
    expect(unweighted!.weight).toBeNull();
    const [short] = positionsOf([pos('QQQ', '-2', '400', '400')], '8000');
    expect(short!.weight).toBeCloseTo(-800 / 8000, 15);
  });

  it('come largest exposure first, a short counting by its size; equal sizes by symbol', () => {
    const order = positionsOf([
      pos('LONG3K', '30', '100', '100'),
      pos('SHORT5K', '-50', '100', '100'),
      pos('BBB', '10', '100', '100'),
      pos('AAA', '-10', '100', '100'),
      pos('OPT', '1', '15', '15', { asset_class: 'us_option' }), // 1 × 15 × 100 = 1,500
    ]).map((p) => p.symbol);
    expect(order).toEqual(['SHORT5K', 'LONG3K', 'OPT', 'AAA', 'BBB']);
  });

  it('keep every sign and size consistent, for any long or short (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000, max: 5_000 }).filter((n) => n !== 0),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (shares, entryCents, nowCents) => {
          const [p] = positionsOf([
            pos('X', String(shares), (entryCents / 100).toFixed(2), (nowCents / 100).toFixed(2)),
          ]);
          const pnl = Number(p!.unrealizedPnl);
          const cost = Number(p!.costBasis);
          // `+ 0` turns -0 into 0: a flat position's sign is zero whichever way it faces.
          const sign = (x: number) => Math.sign(x) + 0;
          expect(sign(cost)).toBe(sign(shares));
          expect(sign(p!.unrealizedPnlPct!)).toBe(sign(pnl));
          expect(p!.unrealizedPnlPct!).toBeCloseTo(pnl / Math.abs(cost), 9);
          // Profit when the price moved the position's way.
          expect(sign(pnl)).toBe(sign(shares * (nowCents - entryCents)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are ordered by the one rule for any set (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            symbol: fc.stringMatching(/^[A-Z]{1,4}$/),
            shares: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
          }),
          {
            selector: (r) => r.symbol,
            maxLength: 12,
          },
        ),
        (rows) => {
          const out = positionsOf(rows.map((r) => pos(r.symbol, String(r.shares), '10', '10')));
          for (let i = 1; i < out.length; i++) {
            const a = Math.abs(Number(out[i - 1]!.marketValue));
            const b = Math.abs(Number(out[i]!.marketValue));
            expect(a > b || (a === b && out[i - 1]!.symbol < out[i]!.symbol)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
