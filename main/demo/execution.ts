import type { AssetClass, Micros, Nanos, Quote, Side } from '../brokers/types';
import { feesFor } from '../brokers/sim/fees';
import { match, type Working } from '../brokers/sim/matching';
import { cashValue } from '../domain/holdings';

/** The live feed's update interval: a market order's rest waits this long for the next quote. */
export const TICK_MS = 250;

/** One execution of a demo order, with the quote it traded against and its fees. */
export interface DemoFill {
  qty: Nanos;
  price: Micros;
  /** Cash value: qty × price × contract multiplier. */
  value: Micros;
  fee: Micros;
  at: number;
  bid: Micros;
  ask: Micros;
}

/**
 * A market day order worked by the simulated broker's fill model, tick after tick from `firstTick`
 * until it is filled: each tick's quote offers its displayed size at the touch and the levels
 * behind it, so an order larger than the book fills in pieces. Every fill pays the fees the
 * simulated broker charges. Throws if the order would still be working at `closeAt`.
 */
export function executeMarketOrder(
  order: { symbol: string; assetClass: AssetClass; side: Side; qty: Nanos },
  firstTick: number,
  closeAt: number,
  quoteAt: (at: number) => Quote,
): DemoFill[] {
  let working: Working = {
    side: order.side,
    type: 'market',
    timeInForce: 'day',
    leaves: order.qty,
    limitPrice: null,
    stopPrice: null,
    trail: null,
    triggered: false,
    anchor: null,
  };
  const fills: DemoFill[] = [];
  for (let at = firstTick; working.leaves > 0n; at += TICK_MS) {
    if (at >= closeAt)
      throw new Error(`demo book: ${order.side} order for ${order.symbol} still working at the close`);
    const quote = quoteAt(at);
    const result = match(working, quote);
    working = result.next;
    for (const e of result.executions) {
      const value = cashValue(e.qty, e.price, order.assetClass);
      const { total } = feesFor({
        assetClass: order.assetClass,
        side: order.side,
        qty: e.qty,
        notional: value,
        at,
      });
      fills.push({ qty: e.qty, price: e.price, value, fee: total, at, bid: quote.bid, ask: quote.ask });
    }
  }
  return fills;
}
