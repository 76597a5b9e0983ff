import type { PlanItem } from './strategy-orders';
import { centsToMicros, microsToDollars, ppm } from './units';
import type { DemoWriter } from './writer';

/** The rebalance plan of a day's workflow run: each sleeve's holdings against its targets. */
export function writePlan(
  write: DemoWriter,
  runId: string,
  correlationId: string,
  at: number,
  equity: bigint,
  items: Map<string, PlanItem>,
): void {
  const planId = `plan-${runId.slice(4)}`;
  const eq = microsToDollars(equity);
  let buy = 0;
  let sell = 0;
  let hold = 0;
  let tradeValue = 0n;
  const rows = [...items.values()].map((it) => {
    const amount = it.targetValue - it.currentValue;
    const action = Math.abs(amount) < 100 ? 'HOLD' : amount > 0 ? 'BUY' : 'SELL';
    if (action === 'BUY') buy++;
    else if (action === 'SELL') sell++;
    else hold++;
    if (action !== 'HOLD') tradeValue += centsToMicros(Math.abs(amount));
    return { it, amount, action };
  });
  write.plan.run({
    id: planId,
    run_id: runId,
    correlation_id: correlationId,
    created_at: at,
    total_portfolio_value: equity,
    total_trade_value: tradeValue,
    buy_count: buy,
    sell_count: sell,
    hold_count: hold,
  });
  rows.forEach(({ it, amount, action }, idx) =>
    write.planItem.run({
      plan_id: planId,
      symbol: it.symbol,
      strategy_id: it.strategyId,
      current_weight_ppm: ppm(it.currentValue / eq),
      target_weight_ppm: ppm(it.targetValue / eq),
      current_value: centsToMicros(it.currentValue),
      target_value: centsToMicros(it.targetValue),
      trade_amount: centsToMicros(amount),
      action,
      priority: action === 'SELL' ? idx : 1000 + idx,
    }),
  );
}
