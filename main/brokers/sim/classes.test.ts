import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../types';
import { classProblem, ocoExitProblem } from './classes';

const SHARE = 1_000_000_000n;
const base: OrderRequest = {
  clientOrderId: 'c1',
  symbol: 'SPY',
  assetClass: 'us_equity',
  side: 'buy',
  type: 'limit',
  timeInForce: 'day',
  qty: 10n * SHARE,
  limitPrice: 500_000_000n,
  extendedHours: false,
  orderClass: 'bracket',
  takeProfit: { limitPrice: 510_000_000n },
  stopLoss: { stopPrice: 490_000_000n },
};

describe('order classes at the venue', () => {
  it('price a bracket’s legs beyond and short of the entry, to the micro-dollar (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.bigInt({ min: 1_000_000n, max: 1_000_000_000n }),
        fc.bigInt({ min: -100_000n, max: 100_000n }),
        fc.bigInt({ min: -100_000n, max: 100_000n }),
        (side, entry, tpOff, slOff) => {
          const problem = classProblem({
            ...base,
            side,
            limitPrice: entry,
            takeProfit: { limitPrice: entry + tpOff },
            stopLoss: { stopPrice: entry + slOff },
          });
          const up = side === 'buy' ? 1n : -1n;
          expect(problem === null).toBe(tpOff * up > 0n && slOff * up < 0n);
        },
      ),
    );
  });

  it('take a market entry, whose legs only need the right order between them', () => {
    const market = { ...base, type: 'market' as const, limitPrice: undefined };
    expect(classProblem(market)).toBeNull();
    expect(classProblem({ ...market, takeProfit: { limitPrice: 490_000_000n } })?.[0]).toBe(
      'takeProfit.limitPrice',
    );
  });

  it('name what is missing or misplaced', () => {
    expect(classProblem({ ...base, stopLoss: undefined })?.[0]).toBe('stopLoss');
    expect(classProblem({ ...base, orderClass: 'oto' })?.[0]).toBe('stopLoss');
    expect(classProblem({ ...base, orderClass: 'oto', stopLoss: undefined })).toBeNull();
    expect(classProblem({ ...base, orderClass: 'simple' })?.[0]).toBe('takeProfit');
    expect(classProblem({ ...base, timeInForce: 'ioc' })?.[0]).toBe('timeInForce');
    expect(classProblem({ ...base, assetClass: 'us_option' })?.[0]).toBe('orderClass');
    expect(
      classProblem({ ...base, stopLoss: { stopPrice: 490_000_000n, limitPrice: 490_000_001n } })?.[0],
    ).toBe('stopLoss.limitPrice');
    const oco = { ...base, side: 'sell' as const, orderClass: 'oco' as const, limitPrice: 510_000_000n };
    expect(classProblem(oco)).toBeNull();
    expect(classProblem({ ...oco, limitPrice: 509_990_000n })?.[0]).toBe('limitPrice');
    expect(classProblem({ ...oco, type: 'market', limitPrice: undefined })?.[0]).toBe('type');
  });

  it('let an OCO exit only a position at least its size, exactly at the boundary (property)', () => {
    const oco = { ...base, orderClass: 'oco' as const };
    fc.assert(
      fc.property(
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.bigInt({ min: 1n, max: 1_000n * SHARE }),
        fc.bigInt({ min: -1_000n * SHARE, max: 1_000n * SHARE }),
        fc.bigInt({ min: 0n, max: 1_000n * SHARE }),
        (side, qty, held, reserved) => {
          const covered = (side === 'sell' ? held : -held) - reserved;
          expect(ocoExitProblem({ ...oco, side, qty }, held, reserved) === null).toBe(covered >= qty);
        },
      ),
    );
    expect(ocoExitProblem({ ...oco, side: 'sell' }, 10n * SHARE, 0n)).toBeNull();
    expect(ocoExitProblem({ ...oco, side: 'sell' }, 10n * SHARE - 1n, 0n)?.[0]).toBe('orderClass');
    expect(ocoExitProblem({ ...oco, side: 'sell' }, 20n * SHARE, 10n * SHARE)).toBeNull();
    expect(ocoExitProblem({ ...oco, side: 'sell' }, 20n * SHARE, 10n * SHARE + 1n)?.[0]).toBe('orderClass');
  });
});
