/** The simulated account's balances, from its cash and its holdings marked to the market. */
import { marketValue } from '../../domain/holdings';
import type { BrokerAccount, Micros } from '../types';
import type { VenueState } from './venue';

/** Overnight margin: buying power is twice the equity not already used by open positions. */
const MARGIN_MULTIPLIER = 2n;

export function accountOf(state: VenueState, mark: (symbol: string) => Micros): BrokerAccount {
  let long = 0n;
  let short = 0n;
  for (const h of state.holdings) {
    const v = marketValue(h, mark(h.symbol));
    if (v > 0n) long += v;
    else short += v;
  }
  const equity = state.cash + long + short;
  const used = long - short;
  const free = equity * MARGIN_MULTIPLIER - used;
  return {
    equity,
    cash: state.cash,
    buyingPower: free > 0n ? free : 0n,
    longMarketValue: long,
    shortMarketValue: short,
    daytradeCount: 0,
    patternDayTrader: false,
    tradingBlocked: false,
  };
}
