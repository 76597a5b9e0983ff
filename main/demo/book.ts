import { newYorkTime, SESSION_OPEN_MIN } from '../domain/calendar';
import { ONE_SHARE } from '../domain/fixed';
import type { Holding } from '../domain/holdings';
import { Rng } from '../domain/rng';
import { sessionOn } from '../domain/sessions';
import { tradeStrategyOrder, type Desk } from './equity-trades';
import { writeFinalState } from './final-state';
import { HedgeDesk } from './hedge-trades';
import { markPut } from './hedges';
import { IntradayPrices } from './intraday';
import { Ledger } from './ledger';
import { writePlan } from './plans';
import type { DayBar, MinuteBar } from './prices';
import { DemoQuotes } from './quotes';
import { DEMO_ACCOUNT_ID, type BookTotals } from './record';
import { decisionMinutes, DECISIONS, hedgeMinute, RUN_MINUTE } from './schedule';
import { strategyOrders, type PendingOrder, type PlanItem } from './strategy-orders';
import { targetWeights } from './targets';
import { TradeRanges } from './trade-ranges';
import { STRATEGIES } from './universe';
import { centsToMicros, microsToDollars } from './units';
import type { DemoWriter } from './writer';

export { DEMO_ACCOUNT_ID, type BookTotals } from './record';

export interface BookPlan {
  seed: number;
  /** Trading days of the book; the first is funding day, trading starts on the second. */
  days: readonly string[];
  /** Index in the bar series of days[0] (earlier bars are indicator warm-up). */
  firstBar: number;
  bars: ReadonlyMap<string, readonly DayBar[]>;
  /** One-minute bars by symbol and session date, where the book has them. */
  minuteBars: ReadonlyMap<string, ReadonlyMap<string, readonly MinuteBar[]>>;
  openingCash: number;
  monthlyDeposit: number;
  withdrawal: { onOrAfter: string; amount: number };
  /** Child orders each strategy trade is worked in (per book size: the large book trades more). */
  slices: number;
}

/**
 * Simulates the demo account day by day: funding, monthly deposits, one withdrawal, five
 * strategies trading their sleeves through the session (sells before buys, never beyond cash),
 * every order filled by the simulated broker's fill model and charged its fees, protective puts,
 * and an end-of-day equity mark. `onDay` hears of each day before it is simulated (progress,
 * cancellation). Returns the counts and the range each symbol traded in (for the bars).
 */
export function simulateBook(
  plan: BookPlan,
  write: DemoWriter,
  onDay: (index: number, days: number) => void = () => {},
): { totals: BookTotals; ranges: TradeRanges } {
  const rng = new Rng(plan.seed).fork(7);
  const intraday = new IntradayPrices(plan.seed, plan.minuteBars);
  const totals: BookTotals = { orders: 0, fills: 0, signals: 0, runs: 0 };
  const ledger = new Ledger(centsToMicros(plan.openingCash));
  const desk: Desk = {
    write,
    totals,
    ledger,
    quotes: new DemoQuotes(intraday, rng.fork(1)),
    ranges: new TradeRanges(),
    rng,
    slices: plan.slices,
  };
  const hedges = new HedgeDesk(desk);
  const held = new Map<string, Map<string, bigint>>(STRATEGIES.map((s) => [s.id, new Map()]));
  let equity = ledger.cash;
  let withdrawn = false;

  const bar = (symbol: string, i: number): DayBar => plan.bars.get(symbol)![plan.firstBar + i]!;
  const close = (symbol: string, i: number): number => bar(symbol, i).close;
  const history = (i: number) => (symbol: string, lookback: number) =>
    plan.bars
      .get(symbol)!
      .slice(plan.firstBar + i - lookback, plan.firstBar + i)
      .map((b) => b.close);
  const markOn = (i: number, date: string) => (h: Holding) =>
    h.assetClass === 'us_option' && hedges.active?.optionSymbol === h.symbol
      ? centsToMicros(markPut(hedges.active, date, close('SPY', i)).price)
      : centsToMicros(close(h.symbol, i));

  for (let i = 0; i < plan.days.length; i++) {
    onDay(i, plan.days.length);
    const date = plan.days[i]!;
    const session = sessionOn(date)!;
    const runId = `run-${date.replaceAll('-', '')}`;
    const correlationId = `corr-${date.replaceAll('-', '')}`;
    let deposits = 0n;
    let withdrawals = 0n;
    if (i > 0 && date.slice(5, 7) !== plan.days[i - 1]!.slice(5, 7))
      deposits = centsToMicros(plan.monthlyDeposit);
    if (i > 0 && !withdrawn && date >= plan.withdrawal.onOrAfter) {
      withdrawals = centsToMicros(plan.withdrawal.amount);
      withdrawn = true;
    }
    ledger.cash += deposits - withdrawals;

    if (i > 0) {
      intraday.forgetBefore(date);
      const equityPrev = microsToDollars(equity);
      const runStartedAt = newYorkTime(date, SESSION_OPEN_MIN + RUN_MINUTE);
      let runFinishedAt = runStartedAt;
      const failed = i % 47 === 0; // a broker outage now and then: the run's buy phase is not placed
      write.runStart.run({ id: runId, correlation_id: correlationId, started_at: runStartedAt });
      const targets = new Map(STRATEGIES.map((s) => [s.id, targetWeights(s, history(i))]));
      const planItems = new Map<string, PlanItem>();
      let planned = 0;
      let succeeded = 0;
      let failedCount = 0;

      for (const minute of decisionMinutes(date)) {
        const inRun = minute === RUN_MINUTE;
        const at = newYorkTime(date, SESSION_OPEN_MIN + minute);
        const orders: PendingOrder[] = [];
        for (const strategy of STRATEGIES) {
          if (!DECISIONS[strategy.style].includes(minute)) continue;
          orders.push(
            ...strategyOrders(
              strategy,
              targets.get(strategy.id)!,
              equityPrev,
              held.get(strategy.id)!,
              (symbol) => intraday.mid(symbol, bar(symbol, i), minute),
              (symbol) => bar(symbol, i).open,
              inRun ? planItems : null,
            ),
          );
        }
        orders.sort((a, b) => (a.side === b.side ? 0 : a.side === 'sell' ? -1 : 1));
        let clock = at + 500;
        for (const o of orders) {
          if (inRun) planned++;
          if (inRun && failed && o.side === 'buy') {
            failedCount++;
            continue;
          }
          let shares = o.shares;
          if (o.side === 'buy') {
            // No margin: what the cash buys at a price with room for impact, less a buffer for the
            // day's put premium (0.4% of equity, bought at the close) and deeper walks of large orders.
            const buffer = centsToMicros(Math.max(250, 0.01 * equityPrev));
            const affordable = Number((ledger.cash - buffer) / centsToMicros(o.price * 1.01));
            shares = Math.min(shares, Math.max(0, affordable));
          }
          if (shares <= 0) continue;
          const lastFillAt = tradeStrategyOrder(desk, o, shares, clock, {
            day: bar(o.symbol, i),
            closeAt: session.close,
            runId: inRun ? runId : null,
            correlationId: inRun ? correlationId : null,
          });
          clock = lastFillAt + 300 + Math.floor(rng.next() * 2_000);
          if (inRun) runFinishedAt = Math.max(runFinishedAt, lastFillAt);
          const m = held.get(o.strategy.id)!;
          const delta = BigInt(shares) * ONE_SHARE;
          m.set(o.symbol, (m.get(o.symbol) ?? 0n) + (o.side === 'buy' ? delta : -delta));
          if (inRun) succeeded++;
        }
      }

      hedges.trade(
        date,
        close('SPY', i),
        equityPrev,
        newYorkTime(date, SESSION_OPEN_MIN + hedgeMinute(date)),
        session.close,
      );

      totals.runs++;
      write.runEnd.run({
        id: runId,
        status: failed ? 'FAILED' : 'COMPLETED',
        finished_at: runFinishedAt + 2_000,
        trades_planned: planned,
        trades_succeeded: succeeded,
        trades_failed: failedCount,
        error: failed
          ? `Broker timeout during BUY_PHASE: ${failedCount} buy orders were not placed; retried next session.`
          : null,
      });
      writePlan(write, runId, correlationId, runStartedAt, equity, planItems);
    }

    // End-of-day mark: cash + shares at the close + the put at its model price.
    equity = ledger.equity(markOn(i, date));
    write.snapshot.run({
      account_id: DEMO_ACCOUNT_ID,
      date,
      equity,
      cash: ledger.cash,
      deposits,
      withdrawals,
    });
  }

  const last = plan.days.length - 1;
  writeFinalState(
    write,
    plan.days[last]!,
    ledger,
    hedges.active,
    markOn(last, plan.days[last]!),
    close('SPY', last),
  );
  return { totals, ranges: desk.ranges };
}
