import { regularMinutes } from '../domain/sessions';
import { STRATEGIES, type DemoStrategy } from './universe';

/** Minutes after the 9:30 open at which each kind of strategy decides (seed 003's schedules). */
export const DECISIONS: Record<DemoStrategy['style'], readonly number[]> = {
  momentum: Array.from({ length: 25 }, (_, i) => 15 + i * 15), // every 15 min, 9:45–15:45
  mean_reversion: Array.from({ length: 12 }, (_, i) => 30 + i * 30), // every 30 min, 10:00–15:30
  ma_crossover: [30],
  rebalance: [30],
  rotation: [30],
};

/** The daily workflow run (plan, signals, trades) is the 10:00 decision. */
export const RUN_MINUTE = 30;
/** The hedge desk trades at 15:50, ten minutes before the close. */
const HEDGE_BEFORE_CLOSE = 10;
/** No decision in the last quarter hour: its orders must be done before the bell. */
const LAST_DECISION_BEFORE_CLOSE = 15;

/** Every minute at which some strategy decides, in session order. */
const ALL_DECISION_MINUTES = [...new Set(STRATEGIES.flatMap((s) => DECISIONS[s.style]))].sort(
  (a, b) => a - b,
);

/** The decision minutes of a session: on an early close (13:00) the afternoon ones are dropped. */
export function decisionMinutes(date: string): number[] {
  const last = regularMinutes(date) - LAST_DECISION_BEFORE_CLOSE;
  return ALL_DECISION_MINUTES.filter((m) => m <= last);
}

/** When the hedge desk trades: ten minutes before the close (12:50 on an early close). */
export function hedgeMinute(date: string): number {
  return regularMinutes(date) - HEDGE_BEFORE_CLOSE;
}
