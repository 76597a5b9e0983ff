import type { DayBar, MinuteBar } from './prices';
import { Rng } from '../domain/rng';

const SESSION_MINUTES = 390;
const STEP = 5; // minutes between points of a generated path

/** FNV-1a, so every (symbol, date) path has its own seed whatever order paths are asked for. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Prices inside a session. Where one-minute bars exist they are the truth (a fill at 10:17 lies
 * inside the 10:17 bar); elsewhere a 5-minute Brownian bridge from the open to the close, kept
 * within the day's low and high, stands in for them.
 */
export class IntradayPrices {
  private readonly paths = new Map<string, number[]>();

  constructor(
    private readonly seed: number,
    private readonly minuteBars: ReadonlyMap<string, ReadonlyMap<string, readonly MinuteBar[]>>,
  ) {}

  /** A representative price at `minute` (0 = 9:30) and the range a trade then may take. */
  at(symbol: string, day: DayBar, minute: number): { price: number; low: number; high: number } {
    const m = Math.max(0, Math.min(SESSION_MINUTES - 1, Math.floor(minute)));
    const bar = this.minuteBars.get(symbol)?.get(day.date)?.[m];
    if (bar) return { price: (bar.open + bar.close) / 2, low: bar.low, high: bar.high };
    const path = this.path(symbol, day);
    const i = Math.floor(m / STEP);
    const f = (m % STEP) / STEP;
    const price = path[i]! + (path[i + 1]! - path[i]!) * f;
    return { price, low: day.low, high: day.high };
  }

  private path(symbol: string, day: DayBar): number[] {
    const key = `${symbol}|${day.date}`;
    let path = this.paths.get(key);
    if (path) return path;
    const rng = new Rng(hash(key) ^ this.seed);
    const n = SESSION_MINUTES / STEP;
    const stepVol = Math.log(day.high / day.low) / Math.sqrt(n) / 1.5 + 1e-6;
    const walk = [0];
    for (let i = 1; i <= n; i++) walk.push(walk[i - 1]! + stepVol * rng.normal());
    const drift = Math.log(day.close / day.open) - walk[n]!;
    path = walk.map((w, i) =>
      Math.min(day.high, Math.max(day.low, day.open * Math.exp(w + (drift * i) / n))),
    );
    this.paths.set(key, path);
    return path;
  }

  /** Paths are only needed while their day is simulated. */
  forgetBefore(date: string): void {
    for (const key of this.paths.keys()) if (key.slice(key.indexOf('|') + 1) < date) this.paths.delete(key);
  }
}
