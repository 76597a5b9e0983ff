import { newYorkTime, SESSION_OPEN_MIN } from '../domain/calendar';
import { regularMinutes } from '../domain/sessions';
import type { Rng } from '../domain/rng';
import type { SymbolSpec } from './universe';

/** A daily bar in dollars (rounded to cents) with its share volume. */
export interface DayBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface MinuteBar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const cents = (x: number): number => Math.round(x * 100) / 100;
const BASE_VOLUME: Record<string, number> = {
  SPY: 60e6,
  QQQ: 40e6,
  IWM: 28e6,
  TLT: 30e6,
  NVDA: 250e6,
  TSLA: 90e6,
  AAPL: 55e6,
  AMD: 45e6,
};

/**
 * Daily bars for every symbol over `days`: a one-factor model (market return × beta plus
 * idiosyncratic noise). Market volatility follows a stationary GARCH(1,1) around 15% a year, so
 * calm and stressed stretches alternate as in real markets without drifting off.
 */
export function simulateDailyBars(
  universe: readonly SymbolSpec[],
  days: readonly string[],
  rng: Rng,
): Map<string, DayBar[]> {
  const out = new Map<string, DayBar[]>(universe.map((s) => [s.symbol, []]));
  const last = new Map(universe.map((s) => [s.symbol, s.price]));
  const longRunVariance = (0.15 / Math.sqrt(252)) ** 2;
  const [alpha, beta] = [0.08, 0.9]; // alpha + beta < 1: stationary
  let variance = longRunVariance;
  for (const date of days) {
    const sigma = Math.sqrt(variance);
    const shock = sigma * fatTail(rng);
    const market = 0.09 / 252 + shock;
    variance = (1 - alpha - beta) * longRunVariance + alpha * shock * shock + beta * variance;
    for (const s of universe) {
      const dailyIdio = s.vol / Math.sqrt(252);
      const r = s.beta * market + s.alpha / 252 + dailyIdio * rng.normal();
      const prev = last.get(s.symbol)!;
      const close = Math.max(1, prev * Math.exp(r));
      const dayVol = Math.abs(s.beta) * sigma + dailyIdio + 0.002;
      const open = Math.max(1, prev * Math.exp(0.3 * dayVol * rng.normal()));
      const high = Math.max(open, close) * (1 + Math.abs(rng.normal()) * 0.45 * dayVol);
      const low = Math.min(open, close) * (1 - Math.abs(rng.normal()) * 0.45 * dayVol);
      const base = BASE_VOLUME[s.symbol] ?? 12e6 * (100 / Math.max(40, s.price));
      const volume = Math.round(base * Math.exp(0.25 * rng.normal()) * (1 + 8 * Math.abs(r)));
      const bar = {
        date,
        open: cents(open),
        high: cents(high),
        low: cents(low),
        close: cents(close),
        volume,
      };
      bar.high = Math.max(bar.high, bar.open, bar.close);
      bar.low = Math.min(bar.low, bar.open, bar.close);
      out.get(s.symbol)!.push(bar);
      last.set(s.symbol, bar.close);
    }
  }
  return out;
}

/**
 * Scales each symbol's series so its close on bar `index` is the symbol's level (`SymbolSpec.price`):
 * the walk keeps its shape, and the book's first day opens at the real prices of that day.
 */
export function scaleToLevels(
  bars: Map<string, DayBar[]>,
  universe: readonly SymbolSpec[],
  index: number,
): void {
  for (const s of universe) {
    const series = bars.get(s.symbol)!;
    const k = s.price / series[index]!.close;
    bars.set(
      s.symbol,
      series.map((b) => ({
        ...b,
        open: cents(b.open * k),
        high: cents(b.high * k),
        low: cents(b.low * k),
        close: cents(b.close * k),
      })),
    );
  }
}

/** Fat-tailed shock with unit variance: a normal scaled ×2.5 on about one day in thirty. */
const TAIL_P = 0.035;
const TAIL_NORM = Math.sqrt(1 - TAIL_P + TAIL_P * 2.5 * 2.5);
function fatTail(rng: Rng): number {
  const z = rng.normal();
  return (rng.next() < TAIL_P ? z * 2.5 : z) / TAIL_NORM;
}

/**
 * One-minute bars for one session (390, or 210 on an early close), walking from the day's open to
 * its close; the daily bar is then rewritten from them so the two timeframes agree exactly.
 */
export function simulateMinuteBars(day: DayBar, rng: Rng): { minutes: MinuteBar[]; day: DayBar } {
  const n = regularMinutes(day.date);
  const stepVol = (Math.log(day.high / day.low) / Math.sqrt(n)) * 0.6 + 1e-5;
  const walk: number[] = [0];
  for (let i = 1; i <= n; i++) walk.push(walk[i - 1]! + stepVol * rng.normal());
  const drift = Math.log(day.close / day.open) - walk[n]!;
  const path = walk.map((w, i) => day.open * Math.exp(w + (drift * i) / n));
  const minutes: MinuteBar[] = [];
  for (let i = 0; i < n; i++) {
    const open = cents(path[i]!);
    const close = cents(path[i + 1]!);
    const wiggle = stepVol * 0.5 * Math.abs(rng.normal());
    // U-shaped intraday volume: heavy at the open and the close.
    const shape = 1 + 2.5 * Math.exp(-i / 25) + 2 * Math.exp((i - n) / 20);
    minutes.push({
      ts: newYorkTime(day.date, SESSION_OPEN_MIN + i),
      open,
      close,
      high: Math.max(open, close, cents(Math.max(path[i]!, path[i + 1]!) * (1 + wiggle))),
      low: Math.min(open, close, cents(Math.min(path[i]!, path[i + 1]!) * (1 - wiggle))),
      volume: Math.max(100, Math.round((day.volume / n / 2.2) * shape * Math.exp(0.3 * rng.normal()))),
    });
  }
  const rebuilt: DayBar = {
    date: day.date,
    open: minutes[0]!.open,
    close: minutes[n - 1]!.close,
    high: Math.max(...minutes.map((m) => m.high)),
    low: Math.min(...minutes.map((m) => m.low)),
    volume: minutes.reduce((a, m) => a + m.volume, 0),
  };
  return { minutes, day: rebuilt };
}
