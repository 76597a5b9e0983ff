import { newYorkTime, SESSION_OPEN_MIN } from '../domain/calendar';
import { divRound, notional, ONE_SHARE } from '../domain/fixed';
import { OPTION_CONTRACT_MULTIPLIER } from '../domain/instruments';
import { journalFilledOrder, type DemoWriter } from './writer';
import { hedgeDecisions, markPut, type HedgeAction, type HedgeState } from './hedges';
import { IntradayPrices } from './intraday';
import type { DayBar, MinuteBar } from './prices';
import { Rng } from '../domain/rng';
import { targetWeights, type Target } from './targets';
import { STRATEGIES, type DemoStrategy } from './universe';
import { centsToMicros, microsToDollars, ppm } from './units';

export const DEMO_ACCOUNT_ID = 'demo';

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
  /** Scales each order's natural number of partial fills (1 = as sized; set by the sizing pass). */
  splitFactor: number;
}

export interface BookTotals {
  orders: number;
  fills: number;
  signals: number;
  runs: number;
  /** Per order: its shares and its natural number of partial fills, for the sizing pass. */
  orderSplits: { shares: number; natural: number }[];
}

interface Position {
  qty: bigint;
  cost: bigint; // micros, total cost basis of the open quantity
}

/** Minutes after the 9:30 open at which each kind of strategy decides (seed 003's schedules). */
const DECISIONS: Record<DemoStrategy['style'], readonly number[]> = {
  momentum: Array.from({ length: 25 }, (_, i) => 15 + i * 15), // every 15 min, 9:45–15:45
  mean_reversion: Array.from({ length: 12 }, (_, i) => 30 + i * 30), // every 30 min, 10:00–15:30
  ma_crossover: [30],
  rebalance: [30],
  rotation: [30],
};
/** Every minute at which some strategy decides, in session order. */
const DECISION_MINUTES = [...new Set(STRATEGIES.flatMap((s) => DECISIONS[s.style]))].sort((a, b) => a - b);
/** The daily workflow run (plan, signals, trades) is the 10:00 decision. */
const RUN_MINUTE = 30;
const HEDGE_MINUTE = 380;

/**
 * Simulates the demo account day by day: funding, monthly deposits, one withdrawal, five
 * strategies trading their sleeves through the session (sells before buys, never beyond cash),
 * orders split into partial fills priced from the intraday path at their own timestamps,
 * protective puts, and an end-of-day equity mark. With `write` null it only counts (sizing pass).
 * `onDay` hears of each day before it is simulated (progress, cancellation).
 */
export function simulateBook(
  plan: BookPlan,
  write: DemoWriter | null,
  onDay: (index: number, days: number) => void = () => {},
): BookTotals {
  const rng = new Rng(plan.seed).fork(7);
  const intraday = new IntradayPrices(plan.seed, plan.minuteBars);
  const totals: BookTotals = { orders: 0, fills: 0, signals: 0, runs: 0, orderSplits: [] };
  const held = new Map<string, Map<string, bigint>>(STRATEGIES.map((s) => [s.id, new Map()]));
  const positions = new Map<string, Position>();
  let cash = centsToMicros(plan.openingCash);
  let equity = cash;
  let hedge: HedgeState | null = null;
  let hedgeSeq = 0;
  let withdrawn = false;

  const bar = (symbol: string, i: number): DayBar => plan.bars.get(symbol)![plan.firstBar + i]!;
  const close = (symbol: string, i: number): number => bar(symbol, i).close;
  const history = (i: number) => (symbol: string, lookback: number) =>
    plan.bars
      .get(symbol)!
      .slice(plan.firstBar + i - lookback, plan.firstBar + i)
      .map((b) => b.close);

  const applyFill = (symbol: string, side: 'buy' | 'sell', qty: bigint, cashValue: bigint) => {
    const p = positions.get(symbol) ?? { qty: 0n, cost: 0n };
    if (side === 'buy') {
      cash -= cashValue;
      p.cost += cashValue;
      p.qty += qty;
    } else {
      cash += cashValue;
      // Average-cost basis: a sale removes its share of the cost, the average stays.
      p.cost = p.qty === 0n ? 0n : p.cost - (p.cost * qty) / p.qty;
      p.qty -= qty;
      if (p.qty === 0n) p.cost = 0n;
    }
    positions.set(symbol, p);
  };

  for (let i = 0; i < plan.days.length; i++) {
    onDay(i, plan.days.length);
    const date = plan.days[i]!;
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
    cash += deposits - withdrawals;

    if (i > 0) {
      intraday.forgetBefore(date);
      const equityPrev = microsToDollars(equity);
      const runStartedAt = newYorkTime(date, SESSION_OPEN_MIN + RUN_MINUTE);
      let runFinishedAt = runStartedAt;
      const failed = i % 47 === 0; // a broker outage now and then: the run's buy phase is not placed
      write?.runStart.run({ id: runId, correlation_id: correlationId, started_at: runStartedAt });
      const targets = new Map(STRATEGIES.map((s) => [s.id, targetWeights(s, history(i))]));
      const planItems = new Map<string, PlanItem>();
      let planned = 0;
      let succeeded = 0;
      let failedCount = 0;

      for (const minute of DECISION_MINUTES) {
        const inRun = minute === RUN_MINUTE;
        const orders: PendingOrder[] = [];
        for (const strategy of STRATEGIES) {
          if (!DECISIONS[strategy.style].includes(minute)) continue;
          orders.push(
            ...strategyOrders(
              strategy,
              targets.get(strategy.id)!,
              equityPrev,
              held.get(strategy.id)!,
              (symbol) => intraday.at(symbol, bar(symbol, i), minute).price,
              (symbol) => bar(symbol, i).open,
              inRun ? planItems : null,
            ),
          );
        }
        orders.sort((a, b) => (a.side === b.side ? 0 : a.side === 'sell' ? -1 : 1));
        let clock = newYorkTime(date, SESSION_OPEN_MIN + minute) + 500;
        for (const o of orders) {
          if (inRun) planned++;
          if (inRun && failed && o.side === 'buy') {
            failedCount++;
            continue;
          }
          let shares = o.shares;
          if (o.side === 'buy') {
            // No margin: what the cash (less a small buffer) buys at a price with room for slippage.
            const affordable = Number((cash - centsToMicros(250)) / centsToMicros(o.price * 1.01));
            shares = Math.min(shares, Math.max(0, affordable));
          }
          if (shares <= 0) continue;
          const result = executeOrder(
            o,
            shares,
            bar(o.symbol, i),
            clock,
            intraday,
            totals,
            plan.splitFactor,
            rng,
            write,
            {
              runId: inRun ? runId : null,
              correlationId: inRun ? correlationId : null,
            },
          );
          clock = result.lastFillAt + 300 + Math.floor(rng.next() * 2_000);
          if (inRun) runFinishedAt = Math.max(runFinishedAt, result.lastFillAt);
          for (const f of result.fills) applyFill(o.symbol, o.side, f.qty, f.notional);
          const m = held.get(o.strategy.id)!;
          const delta = BigInt(shares) * ONE_SHARE;
          m.set(o.symbol, (m.get(o.symbol) ?? 0n) + (o.side === 'buy' ? delta : -delta));
          if (inRun) succeeded++;
        }
      }

      const spot = close('SPY', i);
      const hedgeActions: HedgeAction[] = hedgeDecisions(
        hedge,
        date,
        spot,
        equityPrev,
        () => `hedge-${String(++hedgeSeq).padStart(4, '0')}`,
      );
      let hedgeClock = newYorkTime(date, SESSION_OPEN_MIN + HEDGE_MINUTE);
      for (const a of hedgeActions) {
        hedgeClock += 5_000;
        const contracts = BigInt(a.hedge.contracts) * ONE_SHARE;
        const optionPx = centsToMicros(a.price);
        const value = notional(contracts, optionPx) * OPTION_CONTRACT_MULTIPLIER;
        if (a.kind === 'open') {
          cash -= value;
          hedge = a.hedge;
        } else {
          cash += value;
          hedge = null;
        }
        if (write) writeHedgeTrade(write, a, date, hedgeClock, optionPx, value, totals);
      }

      if (write) {
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
    }

    // End-of-day mark: cash + shares at the close + the put at its model price.
    let marked = cash;
    for (const [symbol, p] of positions)
      if (p.qty !== 0n) marked += notional(p.qty, centsToMicros(close(symbol, i)));
    if (hedge)
      marked +=
        notional(
          BigInt(hedge.contracts) * ONE_SHARE,
          centsToMicros(markPut(hedge, date, close('SPY', i)).price),
        ) * OPTION_CONTRACT_MULTIPLIER;
    equity = marked;
    write?.snapshot.run({ account_id: DEMO_ACCOUNT_ID, date, equity, cash, deposits, withdrawals });
  }

  if (write) writeFinalState(write, plan, positions, hedge, close);
  return totals;
}

interface PendingOrder {
  strategy: DemoStrategy;
  symbol: string;
  side: 'buy' | 'sell';
  shares: number;
  /** Price the decision was made at. */
  price: number;
  targetWeight: number;
  reason: string;
}

interface PlanItem {
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
function strategyOrders(
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

interface Fill {
  qty: bigint;
  notional: bigint;
}

const ETFS = new Set([
  'SPY',
  'QQQ',
  'IWM',
  'DIA',
  'TLT',
  'GLD',
  'VNQ',
  'BND',
  'XLK',
  'XLF',
  'XLE',
  'XLV',
  'XLI',
  'XLY',
  'XLP',
  'XLU',
]);

/** Partial fills an order of this size would naturally get: one more per ~$4,000, at most eight. */
export function naturalSplit(notionalDollars: number): number {
  return Math.min(8, 1 + notionalDollars / 4_000);
}

function executeOrder(
  o: PendingOrder,
  shares: number,
  day: DayBar,
  arrivalAt: number,
  intraday: IntradayPrices,
  totals: BookTotals,
  splitFactor: number,
  rng: Rng,
  write: DemoWriter | null,
  ctx: { runId: string | null; correlationId: string | null },
): { fills: Fill[]; lastFillAt: number } {
  totals.orders++;
  const seq = totals.orders;
  const sessionOpen = newYorkTime(day.date, SESSION_OPEN_MIN);
  const minuteOf = (t: number) => (t - sessionOpen) / 60_000;
  const spreadBps = (ETFS.has(o.symbol) ? 0.8 : 2.5) + Math.abs(rng.normal());
  const quote = (t: number) => {
    const q = intraday.at(o.symbol, day, minuteOf(t));
    const half = q.price * spreadBps * 1e-4;
    const bid = Math.round((q.price - half) * 100) / 100;
    return { ...q, bid, ask: Math.max(bid + 0.01, Math.round((q.price + half) * 100) / 100) };
  };
  const arrival = quote(arrivalAt);

  // Natural partial fills for the size, with some order-to-order variation; the sizing pass
  // solves splitFactor with this same formula.
  const natural = naturalSplit(shares * arrival.price) * (0.7 + 0.6 * rng.next());
  totals.orderSplits.push({ shares, natural });
  const k = Math.max(1, Math.min(shares, Math.round(natural * splitFactor)));
  const base = Math.floor(shares / k);
  let extra = shares - base * k;
  const fills: Fill[] = [];
  let t = arrivalAt + 150 + Math.floor(rng.next() * 400);
  let filledNotional = 0n;
  const orderId = `ord-${String(seq).padStart(7, '0')}`;
  const signalId = `sig-${String(seq).padStart(7, '0')}`;
  const fillRows: Record<string, unknown>[] = [];
  for (let j = 0; j < k; j++) {
    const childShares = base + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    const q = quote(t);
    const slip = (o.side === 'buy' ? 1 : -1) * q.price * Math.abs(rng.normal()) * 1.5e-4;
    const raw = Math.round(((o.side === 'buy' ? q.ask : q.bid) + slip) * 100) / 100;
    // Inside the range traded in that minute (or that day, where no minute bars exist).
    const price = Math.min(q.high, Math.max(q.low, raw));
    const qty = BigInt(childShares) * ONE_SHARE;
    const value = notional(qty, centsToMicros(price));
    fills.push({ qty, notional: value });
    filledNotional += value;
    totals.fills++;
    fillRows.push({
      id: `fil-${String(totals.fills).padStart(8, '0')}`,
      order_id: orderId,
      account_id: DEMO_ACCOUNT_ID,
      execution_id: `x-${seq.toString(36)}-${j.toString(36)}-${Math.floor(rng.next() * 0xffffffff).toString(16)}`,
      symbol: o.symbol,
      side: o.side,
      qty,
      price: centsToMicros(price),
      notional: value,
      filled_at: t,
      bid_at_fill: centsToMicros(q.bid),
      ask_at_fill: centsToMicros(q.ask),
    });
    t += 200 + Math.floor(rng.next() * (k > 20 ? 500 : 6_000));
  }
  if (write) {
    const qtyTotal = BigInt(shares) * ONE_SHARE;
    write.signal.run({
      id: signalId,
      strategy_id: o.strategy.id,
      run_id: ctx.runId,
      symbol: o.symbol,
      action: o.side === 'buy' ? 'BUY' : 'SELL',
      target_allocation_ppm: ppm(o.targetWeight * o.strategy.sleeve),
      price: centsToMicros(o.price),
      qty: qtyTotal,
      reason: o.reason,
      state: 'executed',
      created_at: arrivalAt - 400,
    });
    write.order.run({
      id: orderId,
      account_id: DEMO_ACCOUNT_ID,
      client_order_id: `keel-demo-${seq}`,
      broker_order_id: `sim-${seq.toString(16).padStart(8, '0')}`,
      symbol: o.symbol,
      asset_class: 'us_equity',
      side: o.side,
      qty: qtyTotal,
      filled_qty: qtyTotal,
      avg_fill_price: divRound(filledNotional * ONE_SHARE, qtyTotal),
      strategy_id: o.strategy.id,
      source: o.strategy.style === 'rebalance' ? 'rebalance' : 'strategy',
      signal_id: signalId,
      run_id: ctx.runId,
      correlation_id: ctx.correlationId,
      arrival_bid: centsToMicros(arrival.bid),
      arrival_ask: centsToMicros(arrival.ask),
      arrival_at: arrivalAt,
      submitted_at: arrivalAt + 50,
      // The order last changed with its last fill.
      updated_at: fillRows[fillRows.length - 1]!.filled_at,
    });
    // Parents before children (signal, order, fills, journal): foreign keys are checked row by row.
    for (const row of fillRows) {
      write.fill.run(row);
      write.allocation.run(row.id, o.strategy.id);
    }
    journalFilledOrder(
      write,
      {
        id: orderId,
        broker_order_id: `sim-${seq.toString(16).padStart(8, '0')}`,
        submitted_at: arrivalAt + 50,
        avg_fill_price: divRound(filledNotional * ONE_SHARE, qtyTotal),
      },
      fillRows.map((r) => ({
        id: r.id as string,
        execution_id: r.execution_id as string,
        qty: r.qty as bigint,
        value: r.notional as bigint,
        filled_at: r.filled_at as number,
      })),
    );
    totals.signals++;
  }
  return { fills, lastFillAt: t };
}

function writeHedgeTrade(
  write: DemoWriter,
  a: HedgeAction,
  date: string,
  at: number,
  optionPx: bigint,
  value: bigint,
  totals: BookTotals,
): void {
  const h = a.hedge;
  const side = a.kind === 'open' ? 'buy' : 'sell';
  const contracts = BigInt(h.contracts) * ONE_SHARE;
  if (a.kind !== 'expire') {
    totals.orders++;
    totals.fills++;
    const orderId = `ord-${String(totals.orders).padStart(7, '0')}`;
    write.order.run({
      id: orderId,
      account_id: DEMO_ACCOUNT_ID,
      client_order_id: `keel-demo-${totals.orders}`,
      broker_order_id: `sim-${totals.orders.toString(16).padStart(8, '0')}`,
      symbol: h.optionSymbol,
      asset_class: 'us_option',
      side,
      qty: contracts,
      filled_qty: contracts,
      avg_fill_price: optionPx,
      strategy_id: null,
      source: 'strategy',
      signal_id: null,
      // The hedge desk trades at 15:50, outside the morning workflow run.
      run_id: null,
      correlation_id: null,
      arrival_bid: null,
      arrival_ask: null,
      arrival_at: at,
      submitted_at: at,
      updated_at: at + 400,
    });
    write.fill.run({
      id: `fil-${String(totals.fills).padStart(8, '0')}`,
      order_id: orderId,
      account_id: DEMO_ACCOUNT_ID,
      execution_id: `x-opt-${totals.orders.toString(36)}`,
      symbol: h.optionSymbol,
      side,
      qty: contracts,
      price: optionPx,
      // Cash value of the fill: option prices are per share, 100 shares per contract.
      notional: value,
      filled_at: at + 400,
      bid_at_fill: null,
      ask_at_fill: null,
    });
    journalFilledOrder(
      write,
      {
        id: orderId,
        broker_order_id: `sim-${totals.orders.toString(16).padStart(8, '0')}`,
        submitted_at: at,
        avg_fill_price: optionPx,
      },
      [
        {
          id: `fil-${String(totals.fills).padStart(8, '0')}`,
          execution_id: `x-opt-${totals.orders.toString(36)}`,
          qty: contracts,
          value: notional(contracts, optionPx),
          filled_at: at + 400,
        },
      ],
    );
  }
  const premium = notional(contracts, centsToMicros(h.entryPrice)) * OPTION_CONTRACT_MULTIPLIER;
  if (a.kind === 'open') {
    write.hedge.run({
      id: h.id,
      account_id: DEMO_ACCOUNT_ID,
      option_symbol: h.optionSymbol,
      strike_price: centsToMicros(h.strike),
      expiration_date: h.expiration,
      contracts: h.contracts,
      entry_price: optionPx,
      entry_date: date,
      entry_delta_ppm: ppm(h.entryDelta),
      total_premium_paid: premium,
      status: 'active',
      roll_state: 'holding',
      current_price: optionPx,
      current_delta_ppm: ppm(h.entryDelta),
      exit_price: null,
      exit_date: null,
      realized_pnl: null,
      nav_at_entry: centsToMicros(h.navAtEntry),
    });
  } else {
    write.hedgeClose.run({
      id: h.id,
      status: a.kind === 'expire' ? 'expired' : 'closed',
      exit_price: optionPx,
      exit_date: date,
      realized_pnl: value - premium,
    });
  }
  const actions =
    a.kind === 'open'
      ? ['hedge_opened']
      : a.kind === 'close'
        ? ['roll_triggered', 'hedge_rolled']
        : ['hedge_expired'];
  for (const action of actions) {
    write.decision.run({
      id: `hd-${h.id}-${action}`,
      account_id: DEMO_ACCOUNT_ID,
      hedge_id: h.id,
      decided_at: at,
      action,
      option_symbol: h.optionSymbol,
      contracts: h.contracts,
      premium: a.kind === 'open' ? premium : value,
      details_json: JSON.stringify({
        reason: a.reason,
        price: a.price.toFixed(2),
        strike: h.strike,
        expiration: h.expiration,
      }),
    });
  }
}

function writePlan(
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

function writeFinalState(
  write: DemoWriter,
  plan: BookPlan,
  positions: Map<string, Position>,
  hedge: HedgeState | null,
  close: (symbol: string, i: number) => number,
): void {
  const last = plan.days.length - 1;
  const lastDate = plan.days[last]!;
  const updatedAt = newYorkTime(lastDate, 16 * 60);
  for (const [symbol, p] of [...positions].sort(([a], [b]) => a.localeCompare(b))) {
    if (p.qty === 0n) continue;
    write.position.run({
      account_id: DEMO_ACCOUNT_ID,
      symbol,
      asset_class: 'us_equity',
      qty: p.qty,
      avg_entry_price: divRound(p.cost * ONE_SHARE, p.qty),
      cost_basis: p.cost,
      current_price: centsToMicros(close(symbol, last)),
      updated_at: updatedAt,
    });
  }
  if (hedge) {
    const { price, delta } = markPut(hedge, lastDate, close('SPY', last));
    write.position.run({
      account_id: DEMO_ACCOUNT_ID,
      symbol: hedge.optionSymbol,
      asset_class: 'us_option',
      qty: BigInt(hedge.contracts) * ONE_SHARE,
      avg_entry_price: centsToMicros(hedge.entryPrice),
      cost_basis:
        notional(BigInt(hedge.contracts) * ONE_SHARE, centsToMicros(hedge.entryPrice)) *
        OPTION_CONTRACT_MULTIPLIER,
      current_price: centsToMicros(price),
      updated_at: updatedAt,
    });
    write.hedgeMark.run(centsToMicros(price), ppm(delta), hedge.id);
  }
}
