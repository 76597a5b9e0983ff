import type { DayBar, MinuteBar } from './prices';
import { Rng } from '../domain/rng';
import { regularMinutes } from '../domain/sessions';

const STEP = 5; // minutes between points of a generated path

/** FNV-1a, so every (symbol, date) path has its own seed whatever order paths are asked for. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Mid prices inside a session, at any instant of it (minutes after 9:30, fractional). Where
 * one-minute bars exist they are the truth: the mid moves from the minute's open to its close.
 * Elsewhere a 5-minute Brownian bridge from the open to the close, kept within the day's low and
 * high, stands in for them. Sessions end at their close (13:00 on early-close days).
 */
export class IntradayPrices {
  private readonly paths = new Map<string, number[]>();

  constructor(
    private readonly seed: number,
    private readonly minuteBars: ReadonlyMap<string, ReadonlyMap<string, readonly MinuteBar[]>>,
  ) {}

  /** The mid price `minute` minutes after the open (clamped to the session). */
  mid(symbol: string, day: DayBar, minute: number): number {
    const last = regularMinutes(day.date);
    const t = Math.max(0, Math.min(last - 1e-9, minute));
    const m = Math.floor(t);
    const f = t - m;
    const bar = this.minuteBars.get(symbol)?.get(day.date)?.[m];
    if (bar) return bar.open + (bar.close - bar.open) * f;
    const path = this.path(symbol, day, last);
    const i = Math.floor(t / STEP);
    const g = (t - i * STEP) / STEP;
    return path[i]! + (path[i + 1]! - path[i]!) * g;
  }

  private path(symbol: string, day: DayBar, minutes: number): number[] {
    const key = `${symbol}|${day.date}`;
    let path = this.paths.get(key);
    if (path) return path;
    const rng = new Rng(hash(key) ^ this.seed);
    const n = Math.ceil(minutes / STEP);
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
