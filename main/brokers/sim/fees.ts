/**
 * Commissions and the regulatory fees a US retail broker passes on, charged per fill by the
 * simulated broker (and so by the demo book). All amounts in micro-dollars, rounded up to the
 * cent per fee as brokers bill them.
 *
 * - SEC Section 31 fee: on the proceeds of equity and option sales, at the rate in force on the
 *   trade date ($8.00 per million from 2023-02-27, $27.80 from 2024-05-22, $0.00 from 2025-05-14
 *   after the fiscal year's target was met early). Update RATE_SCHEDULE when the SEC publishes
 *   a new rate; the effective dates come from its fee-rate advisories.
 * - FINRA Trading Activity Fee: $0.000166 per share sold, at most $8.30 per trade; $0.00279 per
 *   option contract sold.
 * - Options Regulatory Fee (exchanges, on every contract bought or sold): about $0.02 per
 *   contract — it differs by exchange and changes often; the simulator uses one figure.
 * - Commission: configurable (zero for equities, as at Alpaca and Tradier; per contract for options).
 */
import { newYorkDate } from '../../domain/sessions';
import type { AssetClass, Micros, Nanos, Side } from '../types';

const NANOS_PER_UNIT = 1_000_000_000n;
const CENT = 10_000n;

/** SEC rate in micro-dollars per million dollars of sale proceeds, from an effective date. */
const SEC_RATE_SCHEDULE: readonly { from: string; perMillion: Micros }[] = [
  { from: '2023-02-27', perMillion: 8_000_000n },
  { from: '2024-05-22', perMillion: 27_800_000n },
  { from: '2025-05-14', perMillion: 0n },
];

export interface FeeSchedule {
  /** Commission per share of an equity fill (micro-dollars). */
  equityPerShare: Micros;
  /** Commission per option contract. */
  optionPerContract: Micros;
  /** Options Regulatory Fee per contract, buys and sells. */
  optionRegulatoryPerContract: Micros;
}

export const DEFAULT_FEES: FeeSchedule = {
  equityPerShare: 0n,
  optionPerContract: 650_000n,
  optionRegulatoryPerContract: 20_000n,
};

const TAF_PER_SHARE: Micros = 166n; // $0.000166
const TAF_MAX_PER_TRADE: Micros = 8_300_000n; // $8.30
const TAF_PER_CONTRACT: Micros = 2_790n; // $0.00279

/** Rounds a non-negative micro-dollar amount up to the next cent. */
function upToCent(micros: bigint): Micros {
  return ((micros + CENT - 1n) / CENT) * CENT;
}

/** The SEC rate in force on a New York trade date. */
export function secRateOn(date: string): Micros {
  let rate = 0n;
  for (const step of SEC_RATE_SCHEDULE) if (date >= step.from) rate = step.perMillion;
  return rate;
}

export interface FeeInput {
  assetClass: AssetClass;
  side: Side;
  qty: Nanos;
  /** Cash value of the fill: qty × price × multiplier, micro-dollars. */
  notional: Micros;
  at: number;
}

export interface FeeBreakdown {
  commission: Micros;
  sec: Micros;
  taf: Micros;
  orf: Micros;
  total: Micros;
}

/** What one fill costs on top of its price. */
export function feesFor(fill: FeeInput, schedule: FeeSchedule = DEFAULT_FEES): FeeBreakdown {
  // Fees are charged per whole share/contract begun: a fractional share counts as one for TAF.
  const units = (fill.qty + NANOS_PER_UNIT - 1n) / NANOS_PER_UNIT;
  const sale = fill.side === 'sell';
  const option = fill.assetClass === 'us_option';
  const commission = upToCent(
    option ? units * schedule.optionPerContract : (fill.qty * schedule.equityPerShare) / NANOS_PER_UNIT,
  );
  const sec = sale ? upToCent((fill.notional * secRateOn(newYorkDate(fill.at))) / 1_000_000_000_000n) : 0n;
  let taf = 0n;
  if (sale) {
    const raw = option ? units * TAF_PER_CONTRACT : units * TAF_PER_SHARE;
    taf = upToCent(raw < TAF_MAX_PER_TRADE || option ? raw : TAF_MAX_PER_TRADE);
  }
  const orf = option ? upToCent(units * schedule.optionRegulatoryPerContract) : 0n;
  return { commission, sec, taf, orf, total: commission + sec + taf + orf };
}
