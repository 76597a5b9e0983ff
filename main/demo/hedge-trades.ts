import { divRound, notional, ONE_SHARE } from '../domain/fixed';
import { OPTION_CONTRACT_MULTIPLIER } from '../domain/instruments';
import { executeMarketOrder } from './execution';
import { hedgeDecisions, type HedgeAction, type HedgeState } from './hedges';
import type { Desk } from './equity-trades';
import { DEMO_ACCOUNT_ID, nextOrderSeq, recordFilledOrder } from './record';
import { centsToMicros, ppm } from './units';

/**
 * The hedge desk: protective SPY puts opened, rolled and expired (hedges.ts decides), each trade a
 * market order on the option's quote through the fill model, paying option fees.
 */
export class HedgeDesk {
  active: HedgeState | null = null;
  private seq = 0;
  /** Of the active hedge: the premium its opening fills cost, and their fees. */
  private premium = 0n;
  private openFees = 0n;

  constructor(private readonly desk: Desk) {}

  /** Today's hedge trades, from `at` on, 5 s apart; before `closeAt`. */
  trade(date: string, spot: number, equity: number, at: number, closeAt: number): void {
    const actions = hedgeDecisions(
      this.active,
      date,
      spot,
      equity,
      () => `hedge-${String(++this.seq).padStart(4, '0')}`,
    );
    for (const a of actions) {
      at += 5_000;
      this.act(a, date, at, closeAt);
    }
  }

  private act(a: HedgeAction, date: string, at: number, closeAt: number): void {
    const { write, ledger } = this.desk;
    const h = a.hedge;
    const contracts = BigInt(h.contracts) * ONE_SHARE;
    if (a.kind === 'expire') {
      const settlement = notional(contracts, centsToMicros(a.price)) * OPTION_CONTRACT_MULTIPLIER;
      ledger.settle(h.optionSymbol, settlement);
      write.hedgeClose.run({
        id: h.id,
        status: 'expired',
        exit_price: centsToMicros(a.price),
        exit_date: date,
        realized_pnl: settlement - this.premium - this.openFees,
      });
      this.decisions(a, at, settlement);
      this.active = null;
      return;
    }
    const side = a.kind === 'open' ? 'buy' : 'sell';
    const arrival = this.desk.quotes.option(h.optionSymbol, a.price, at);
    const fills = executeMarketOrder(
      { symbol: h.optionSymbol, assetClass: 'us_option', side, qty: contracts },
      at + 400,
      closeAt,
      (t) => this.desk.quotes.option(h.optionSymbol, a.price, t),
    );
    for (const f of fills) ledger.fill(h.optionSymbol, 'us_option', side, f);
    recordFilledOrder(write, this.desk.totals, nextOrderSeq(this.desk.totals), {
      symbol: h.optionSymbol,
      assetClass: 'us_option',
      side,
      qty: contracts,
      strategyId: null,
      source: 'strategy',
      signalId: null,
      // The hedge desk trades before the close, outside the morning workflow run.
      runId: null,
      correlationId: null,
      arrival,
      submittedAt: at,
      fills,
    });
    const value = fills.reduce((s, f) => s + f.value, 0n);
    const fees = fills.reduce((s, f) => s + f.fee, 0n);
    const avg = divRound(fills.reduce((s, f) => s + notional(f.qty, f.price), 0n) * ONE_SHARE, contracts);
    if (a.kind === 'open') {
      this.premium = value;
      this.openFees = fees;
      this.active = h;
      write.hedge.run({
        id: h.id,
        account_id: DEMO_ACCOUNT_ID,
        option_symbol: h.optionSymbol,
        strike_price: centsToMicros(h.strike),
        expiration_date: h.expiration,
        contracts: h.contracts,
        entry_price: avg,
        entry_date: date,
        entry_delta_ppm: ppm(h.entryDelta),
        total_premium_paid: value,
        status: 'active',
        roll_state: 'holding',
        current_price: avg,
        current_delta_ppm: ppm(h.entryDelta),
        exit_price: null,
        exit_date: null,
        realized_pnl: null,
        nav_at_entry: centsToMicros(h.navAtEntry),
      });
      this.decisions(a, at, value);
    } else {
      write.hedgeClose.run({
        id: h.id,
        status: 'closed',
        exit_price: avg,
        exit_date: date,
        // Net of both legs' fees.
        realized_pnl: value - fees - this.premium - this.openFees,
      });
      this.decisions(a, at, value);
      this.active = null;
    }
  }

  private decisions(a: HedgeAction, at: number, premium: bigint): void {
    const h = a.hedge;
    const actions =
      a.kind === 'open'
        ? ['hedge_opened']
        : a.kind === 'close'
          ? ['roll_triggered', 'hedge_rolled']
          : ['hedge_expired'];
    for (const action of actions) {
      this.desk.write.decision.run({
        id: `hd-${h.id}-${action}`,
        account_id: DEMO_ACCOUNT_ID,
        hedge_id: h.id,
        decided_at: at,
        action,
        option_symbol: h.optionSymbol,
        contracts: h.contracts,
        premium,
        details_json: JSON.stringify({
          reason: a.reason,
          price: a.price.toFixed(2),
          strike: h.strike,
          expiration: h.expiration,
        }),
      });
    }
  }
}
