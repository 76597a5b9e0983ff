import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRequest, PositionIntent } from '../types';
import { intentProblem } from './rules';

const SHARE = 1_000_000_000n;
const req = (positionIntent: PositionIntent, contracts: bigint): OrderRequest => ({
  clientOrderId: 'c1',
  symbol: 'SPY261218C00500000',
  assetClass: 'us_option',
  side: positionIntent.startsWith('buy') ? 'buy' : 'sell',
  positionIntent,
  type: 'market',
  timeInForce: 'day',
  qty: contracts * SHARE,
  extendedHours: false,
  orderClass: 'simple',
});

describe('position intents at the venue', () => {
  it('sell_to_close needs a long of the quantity not already being sold (property, exact boundary)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 50n }),
        fc.bigInt({ min: -50n, max: 50n }),
        fc.bigInt({ min: 0n, max: 20n }),
        (qty, held, reserved) => {
          const problem = intentProblem(req('sell_to_close', qty), held * SHARE, reserved * SHARE, 0n);
          const available = (held > 0n ? held : 0n) - reserved;
          expect(problem === null).toBe(qty <= available);
          if (problem) expect(problem.kind).toBe('rejected');
        },
      ),
    );
    expect(intentProblem(req('sell_to_close', 2n), 2n * SHARE, 0n, 0n)).toBeNull();
    expect(intentProblem(req('sell_to_close', 3n), 2n * SHARE, 0n, 0n)?.message).toMatch(
      /long position of 3 contracts.*2 are available/,
    );
  });

  it('buy_to_close needs a short of the quantity not already being covered (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 50n }),
        fc.bigInt({ min: -50n, max: 50n }),
        fc.bigInt({ min: 0n, max: 20n }),
        (qty, held, reserved) => {
          const problem = intentProblem(req('buy_to_close', qty), held * SHARE, 0n, reserved * SHARE);
          expect(problem === null).toBe(qty <= (held < 0n ? -held : 0n) - reserved);
        },
      ),
    );
  });

  it('refuses writing options, and lets any buy open', () => {
    expect(intentProblem(req('sell_to_open', 1n), 5n * SHARE, 0n, 0n)?.kind).toBe('rejected');
    expect(intentProblem(req('buy_to_open', 1n), 0n, 0n, 0n)).toBeNull();
  });
});
