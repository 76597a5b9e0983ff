import { divRound, ONE_SHARE } from '../domain/fixed';
import type { Db } from '../store/db';

export interface JournalFill {
  id: string;
  execution_id: string;
  qty: bigint;
  /** qty × price (no contract multiplier), micro-dollars. */
  value: bigint;
  filled_at: number;
}

/** Prepared inserts for the demo book (bulk, inside the caller's transaction). */
export function demoWriter(db: Db) {
  const p = (sql: string) => db.prepare(sql);
  return {
    account:
      p(`INSERT INTO accounts (id, name, broker, mode, currency, broker_account_id, is_active, created_at)
      VALUES (@id, @name, 'simulated', 'demo', 'USD', NULL, 1, @created_at)`),
    strategy:
      p(`INSERT INTO strategies (id, name, display_name, kind, source, config_json, is_active, created_at)
      VALUES (@id, @name, @display_name, @kind, 'demo', @config_json, 1, @created_at)`),
    runStart: p(`INSERT INTO workflow_runs (id, correlation_id, kind, status, started_at)
      VALUES (@id, @correlation_id, 'rebalance', 'RUNNING', @started_at)`),
    runEnd:
      p(`UPDATE workflow_runs SET status = @status, finished_at = @finished_at, trades_planned = @trades_planned,
      trades_succeeded = @trades_succeeded, trades_failed = @trades_failed, error = @error WHERE id = @id`),
    plan: p(`INSERT INTO rebalance_plans (id, run_id, correlation_id, created_at, total_portfolio_value, total_trade_value, buy_count, sell_count, hold_count)
      VALUES (@id, @run_id, @correlation_id, @created_at, @total_portfolio_value, @total_trade_value, @buy_count, @sell_count, @hold_count)`),
    planItem:
      p(`INSERT INTO rebalance_plan_items (plan_id, symbol, strategy_id, current_weight_ppm, target_weight_ppm, current_value, target_value, trade_amount, action, priority)
      VALUES (@plan_id, @symbol, @strategy_id, @current_weight_ppm, @target_weight_ppm, @current_value, @target_value, @trade_amount, @action, @priority)`),
    signal:
      p(`INSERT INTO signals (id, strategy_id, run_id, symbol, action, target_allocation_ppm, price, qty, reason, state, created_at)
      VALUES (@id, @strategy_id, @run_id, @symbol, @action, @target_allocation_ppm, @price, @qty, @reason, @state, @created_at)`),
    order:
      p(`INSERT INTO orders (id, account_id, client_order_id, broker_order_id, symbol, asset_class, side, type, time_in_force, qty, status,
        filled_qty, avg_fill_price, strategy_id, source, signal_id, run_id, correlation_id, arrival_bid, arrival_ask, arrival_at, submitted_at, updated_at)
      VALUES (@id, @account_id, @client_order_id, @broker_order_id, @symbol, @asset_class, @side, 'market', 'day', @qty, 'filled',
        @filled_qty, @avg_fill_price, @strategy_id, @source, @signal_id, @run_id, @correlation_id, @arrival_bid, @arrival_ask, @arrival_at, @submitted_at, @updated_at)`),
    fill: p(`INSERT INTO fills (id, order_id, account_id, execution_id, symbol, side, qty, price, notional, fee, filled_at, bid_at_fill, ask_at_fill)
      VALUES (@id, @order_id, @account_id, @execution_id, @symbol, @side, @qty, @price, @notional, @fee, @filled_at, @bid_at_fill, @ask_at_fill)`),
    allocation: p('INSERT INTO fill_allocations (fill_id, strategy_id, weight_ppm) VALUES (?, ?, 1000000)'),
    snapshot: p(`INSERT INTO equity_snapshots (account_id, date, equity, cash, deposits, withdrawals, source)
      VALUES (@account_id, @date, @equity, @cash, @deposits, @withdrawals, 'demo')`),
    position:
      p(`INSERT INTO positions (account_id, symbol, asset_class, qty, avg_entry_price, cost_basis, current_price, updated_at)
      VALUES (@account_id, @symbol, @asset_class, @qty, @avg_entry_price, @cost_basis, @current_price, @updated_at)`),
    hedge:
      p(`INSERT INTO option_hedges (id, account_id, option_symbol, underlying_symbol, option_type, strike_price, expiration_date, contracts,
        entry_price, entry_date, entry_delta_ppm, total_premium_paid, status, roll_state, current_price, current_delta_ppm, exit_price, exit_date, realized_pnl, nav_at_entry)
      VALUES (@id, @account_id, @option_symbol, 'SPY', 'put', @strike_price, @expiration_date, @contracts, @entry_price, @entry_date, @entry_delta_ppm,
        @total_premium_paid, @status, @roll_state, @current_price, @current_delta_ppm, @exit_price, @exit_date, @realized_pnl, @nav_at_entry)`),
    hedgeClose:
      p(`UPDATE option_hedges SET status = @status, roll_state = 'closed', exit_price = @exit_price, exit_date = @exit_date,
        realized_pnl = @realized_pnl, current_price = @exit_price WHERE id = @id`),
    hedgeMark: p('UPDATE option_hedges SET current_price = ?, current_delta_ppm = ? WHERE id = ?'),
    decision:
      p(`INSERT INTO hedge_decisions (id, account_id, hedge_id, decided_at, action, option_symbol, underlying_symbol, contracts, premium, details_json)
      VALUES (@id, @account_id, @hedge_id, @decided_at, @action, @option_symbol, 'SPY', @contracts, @premium, @details_json)`),
    event:
      p(`INSERT INTO order_events (order_id, at, kind, status, filled_qty, avg_fill_price, broker_order_id, execution_id, fill_id, origin)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')`),
    lastEvent: p('UPDATE orders SET last_event_seq = ? WHERE id = ?'),
    bar: p(
      `INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'demo')`,
    ),
  };
}
export type DemoWriter = ReturnType<typeof demoWriter>;

/**
 * The journal of a demo order that filled: submitted, then one event per fill with the running
 * quantity and average price, the last one 'fill' with the order's own average.
 */
export function journalFilledOrder(
  write: DemoWriter,
  order: { id: string; broker_order_id: string; submitted_at: number; avg_fill_price: bigint },
  fills: readonly JournalFill[],
): void {
  write.event.run(
    order.id,
    order.submitted_at,
    'submitted',
    'pending_new',
    0n,
    null,
    order.broker_order_id,
    null,
    null,
  );
  let qty = 0n;
  let value = 0n;
  let seq = 0n;
  fills.forEach((f, i) => {
    qty += f.qty;
    value += f.value;
    const last = i === fills.length - 1;
    const avg = last ? order.avg_fill_price : divRound(value * ONE_SHARE, qty);
    seq = BigInt(
      write.event.run(
        order.id,
        f.filled_at,
        last ? 'fill' : 'partial_fill',
        last ? 'filled' : 'partially_filled',
        qty,
        avg,
        null,
        f.execution_id,
        f.id,
      ).lastInsertRowid,
    );
  });
  write.lastEvent.run(seq, order.id);
}
