import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFill, averageEntry, cashValue, marketValue, type Holding } from './holdings';

const SHARE = 1_000_000_000n;
const usd = (d: number) => BigInt(Math.round(d * 1e6));
const fill = (side: 'buy' | 'sell', shares: number, price: number, fee = 0) => ({
  symbol: 'AAPL',
  assetClass: 'us_equity' as const,
  side,
  qty: BigInt(shares) * SHARE,
  price: usd(price),
  fee: usd(fee),
});

describe('accounting', () => {
  it('opens, adds to and reduces a long at its average cost; cash pays for it', () => {
    let h: Holding | undefined;
    let cash = 0n;
    for (const f of [fill('buy', 100, 200), fill('buy', 100, 210), fill('sell', 50, 220, 0.01)]) {
      const r = applyFill(h, f);
      h = r.holding;
      cash += r.cash;
    }
    expect(h!.qty).toBe(150n * SHARE);
    expect(h!.costBasis).toBe(usd(30_750)); // 150 × $205 average
    expect(averageEntry(h!)).toBe(usd(205));
    expect(cash).toBe(usd(-20_000 - 21_000 + 11_000 - 0.01));
  });

  it('opens a short with negative cost, covers it, and crosses zero at the fill price', () => {
    let r = applyFill(undefined, fill('sell', 100, 50));
    expect(r.holding).toMatchObject({ qty: -100n * SHARE, costBasis: usd(-5_000) });
    expect(r.cash).toBe(usd(5_000));
    r = applyFill(r.holding, fill('buy', 150, 40));
    expect(r.holding).toMatchObject({ qty: 50n * SHARE, costBasis: usd(2_000) });
    expect(averageEntry(r.holding)).toBe(usd(40));
    expect(marketValue({ ...r.holding, qty: -10n * SHARE }, usd(41))).toBe(usd(-410));
  });

  it('values options at 100 shares a contract', () => {
    expect(cashValue(2n * SHARE, usd(3.45), 'us_option')).toBe(usd(690));
    const r = applyFill(undefined, {
      ...fill('buy', 2, 3.45, 1.34),
      symbol: 'SPY261218P00481000',
      assetClass: 'us_option',
    });
    expect(r.cash).toBe(usd(-691.34));
    expect(averageEntry(r.holding)).toBe(usd(3.45));
  });

  it('keeps the average entry within the prices that built the position, and unchanged when reducing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 100, max: 100_000 })),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (steps) => {
          let h: Holding | undefined;
          let opening: bigint[] = [];
          for (const [buy, shares, cents] of steps) {
            const f = fill(buy ? 'buy' : 'sell', shares, cents / 100);
            const before = h;
            h = applyFill(h, f).holding;
            const sameWay = before !== undefined && before.qty !== 0n && before.qty > 0n === buy;
            const crossed =
              before !== undefined && before.qty !== 0n && h.qty !== 0n && before.qty > 0n !== h.qty > 0n;
            if (!before || before.qty === 0n || crossed) opening = [f.price];
            else if (sameWay) opening.push(f.price);
            if (h.qty === 0n) {
              expect(h.costBasis).toBe(0n);
              opening = [];
              continue;
            }
            expect(h.costBasis > 0n).toBe(h.qty > 0n);
            const avg = averageEntry(h);
            const lo = opening.reduce((a, b) => (a < b ? a : b));
            const hi = opening.reduce((a, b) => (a > b ? a : b));
            expect(avg >= lo - 1n && avg <= hi + 1n).toBe(true);
            if (before && before.qty !== 0n && !sameWay && !crossed) {
              const was = averageEntry(before);
              expect(avg - was <= 1n && was - avg <= 1n).toBe(true);
            }
          }
        },
      ),
    );
  });
});
