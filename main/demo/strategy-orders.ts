import { ONE_SHARE } from '../domain/fixed';
import type { Target } from './targets';
import type { DemoStrategy } from './universe';

export interface PendingOrder {
  strategy: DemoStrategy;
  symbol: string;
  side: 'buy' | 'sell';
  shares: number;
  /** Price the decision was made at. */
  price: number;
  targetWeight: number;
  reason: string;
}

export interface PlanItem {
  symbol: string;
  strategyId: string;
  currentValue: number;
  targetValue: number;
}

/**
 * One strategy's orders at one decision time. Daily strategies trade to their targets; intraday
 * ones lean on the day's move — momentum holds more of a name that is up since the open, mean
 * reversion more of one that is down — so they trade through the session like their seeds do.
 */
export function strategyOrders(
  strategy: DemoStrategy,
  targets: readonly Target[],
  equityPrev: number,
  held: Map<string, bigint>,
  priceNow: (symbol: string) => number,
  openOf: (symbol: string) => number,
  planItems: Map<string, PlanItem> | null,
): PendingOrder[] {
  const sleeveValue = strategy.sleeve * equityPrev;
  const intradayStyle = strategy.style === 'momentum' || strategy.style === 'mean_reversion';
  const out: PendingOrder[] = [];
  for (const t of targets) {
    const price = priceNow(t.symbol);
    const qty = Number((held.get(t.symbol) ?? 0n) / ONE_SHARE);
    const current = qty * price;
    let weight = t.weight;
    let reason = t.reason;
    if (intradayStyle && weight > 0) {
      const move = price / openOf(t.symbol) - 1;
      const lean = Math.min(1.5, Math.max(0.5, 1 + (strategy.style === 'momentum' ? 30 : -30) * move));
      weight *= lean;
      reason = `${t.reason}; ${(move * 100).toFixed(2)}% since the open, sized ×${lean.toFixed(2)}`;
    }
    const target = sleeveValue * weight;
    if (planItems) {
      const item = planItems.get(t.symbol) ?? {
        symbol: t.symbol,
        strategyId: strategy.id,
        currentValue: 0,
        targetValue: 0,
      };
      item.currentValue += current;
      item.targetValue += target;
      planItems.set(t.symbol, item);
    }
    const diff = target - current;
    const drift = target > 0 ? Math.abs(current / target - 1) : current > 0 ? 1 : 0;
    const trade =
      strategy.style === 'rebalance'
        ? drift > 0.05 && Math.abs(diff) >= 100
        : Math.abs(diff) >= Math.max(100, (intradayStyle ? 0.035 : 0.015) * sleeveValue);
    if (!trade) continue;
    const side = diff > 0 ? 'buy' : 'sell';
    // A zero target closes the holding outright, so no odd shares are left behind.
    const shares =
      side === 'buy'
        ? Math.floor(diff / price)
        : weight === 0
          ? qty
          : Math.min(qty, Math.floor(-diff / price));
    if (shares <= 0) continue;
    out.push({ strategy, symbol: t.symbol, side, shares, price, targetWeight: weight, reason });
  }
  return out;
}
