import { describe, expect, it } from 'vitest';
import { OrderRequest } from '../contract/trading';
import { brokerRequest } from './convert';

const bracket = {
  symbol: 'SPY',
  side: 'buy',
  type: 'limit',
  limitPrice: '500',
  qty: '10',
  orderClass: 'bracket',
  takeProfit: { limitPrice: '510' },
  stopLoss: { stopPrice: '490' },
} as const;

describe('the broker request for a contract request', () => {
  it('hands the legs of a bracket and an OCO to the broker in micro-dollars', () => {
    const oco = OrderRequest.parse({
      ...bracket,
      side: 'sell',
      orderClass: 'oco',
      limitPrice: undefined,
      stopLoss: { stopPrice: '490', limitPrice: '489.5' },
    });
    expect(brokerRequest(oco, 'c1')).toMatchObject({
      orderClass: 'oco',
      type: 'limit',
      limitPrice: 510_000_000n,
      takeProfit: { limitPrice: 510_000_000n },
      stopLoss: { stopPrice: 490_000_000n, limitPrice: 489_500_000n },
    });
    expect(brokerRequest(OrderRequest.parse(bracket), 'c2')).toMatchObject({
      limitPrice: 500_000_000n,
      takeProfit: { limitPrice: 510_000_000n },
      stopLoss: { stopPrice: 490_000_000n },
    });
    expect(brokerRequest(OrderRequest.parse(bracket), 'c2').stopLoss).not.toHaveProperty('limitPrice');
  });
});
