import { describe, expect, it } from 'vitest';
import type { Broker } from '../brokers/port';
import { SIM_CAPABILITIES } from '../brokers/sim/broker';
import { Account } from '../contract/schemas';
import { accountTrading, toAccount } from './account';

const row = {
  id: 'a1',
  name: 'Main',
  broker: 'alpaca',
  mode: 'live',
  currency: 'USD',
  broker_account_id: null,
  is_active: 1,
  created_at: 0,
} as const;

describe('an account as the pages see it', () => {
  it('is marked live by its broker, and offers only the asset classes the contract knows', () => {
    const broker = {
      kind: 'alpaca',
      live: true,
      capabilities: { ...SIM_CAPABILITIES, assetClasses: ['crypto', 'us_equity'] },
    } as unknown as Broker;
    const trading = accountTrading(broker);
    expect(trading.live).toBe(true);
    expect(trading.quoteFeed).toBe('alpaca');
    expect(trading.capabilities.assetClasses).toEqual(['us_equity']);
    const account = toAccount(row, broker);
    expect(Account.parse(account)).toEqual(account);
    expect(account).toMatchObject({ id: 'a1', active: true, trading });
  });

  it('has no trading without a broker', () => {
    expect(toAccount({ ...row, is_active: 0 })).toMatchObject({ active: false, trading: null });
  });
});
