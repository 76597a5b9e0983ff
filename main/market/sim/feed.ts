/**
 * The simulated market: a seeded feed of quotes for a universe, continuing from given prices,
 * several updates a second while it runs. Mid prices follow a random walk scaled to each
 * symbol's volatility (driven by one market factor, so names move together) with its own
 * microstructure (microstructure.ts); a VIX level moves against the market. In 'sessions' mode
 * quotes follow the NYSE calendar (extended hours thin, nothing overnight); 'always' keeps
 * a regular session going evenings and weekends, for demos.
 *
 * Deterministic: the same seed, start prices and clock readings give the same quotes.
 */
import type { Clock, Timer } from '../../core/clock';
import { phaseAt, type Phase } from '../../domain/sessions';
import { Rng } from '../../domain/rng';
import type { Micros, Quote } from '../../brokers/types';
import { phaseFactors, quoteAround, uShape } from './microstructure';

export type MarketMode = 'sessions' | 'always';

export interface SimSymbol {
  symbol: string;
  /** Starting mid price, micro-dollars. */
  price: Micros;
  /** Annualised volatility beyond the market's, and sensitivity to it. */
  vol: number;
  beta: number;
}

export interface SimMarketOptions {
  clock: Clock;
  seed: number;
  symbols: readonly SimSymbol[];
  mode: MarketMode;
  /** Milliseconds between updates (the default gives four a second). */
  intervalMs?: number;
  /** Starting VIX level. */
  vix?: number;
  /** Annualised market volatility (the factor every symbol follows by its beta). */
  marketVol?: number;
}

interface State {
  spec: SimSymbol;
  rng: Rng;
  /** Mid price in dollars (float for the walk; quotes are rounded to exact ticks). */
  mid: number;
  quote: Quote | null;
}

const TRADING_MS_PER_YEAR = 252 * 6.5 * 3_600_000;

export type QuoteListener = (quote: Quote) => void;
export type PhaseListener = (phase: Phase, previous: Phase) => void;

/** What a simulated venue needs from a market: latest quotes, updates, and session changes. */
export interface QuoteSource {
  latest(symbol: string): Quote | null;
  subscribe(listener: QuoteListener): () => void;
  onPhase(listener: PhaseListener): () => void;
  phase(at?: number): { phase: Phase };
}

export class SimMarket implements QuoteSource {
  private readonly states = new Map<string, State>();
  private readonly listeners = new Set<QuoteListener>();
  private readonly phaseListeners = new Set<PhaseListener>();
  private lastPhase: Phase | null = null;
  private readonly marketRng: Rng;
  private readonly intervalMs: number;
  private readonly marketVol: number;
  private timer: Timer | null = null;
  private lastAt: number | null = null;
  private vixLevel: number;
  private currentMode: MarketMode;

  constructor(private readonly opts: SimMarketOptions) {
    const rng = new Rng(opts.seed);
    this.marketRng = rng.fork(0);
    this.currentMode = opts.mode;
    this.intervalMs = opts.intervalMs ?? 250;
    this.marketVol = opts.marketVol ?? 0.16;
    this.vixLevel = opts.vix ?? 16;
    opts.symbols.forEach((spec, i) => {
      this.states.set(spec.symbol, {
        spec,
        rng: rng.fork(i + 1),
        mid: Number(spec.price) / 1e6,
        quote: null,
      });
    });
  }

  get mode(): MarketMode {
    return this.currentMode;
  }

  get symbols(): string[] {
    return [...this.states.keys()];
  }

  /** The market phase now, as this market sees it ('always' is always regular). */
  phase(at = this.opts.clock.now()): { phase: Phase; sessionFraction: number } {
    if (this.currentMode === 'always')
      return { phase: 'regular', sessionFraction: ((at / 3_600_000) % 6.5) / 6.5 };
    const { phase, session } = phaseAt(at);
    const fraction =
      session && phase === 'regular' ? (at - session.open) / (session.close - session.open) : 0;
    return { phase, sessionFraction: fraction };
  }

  /**
   * Changes the hours the market keeps, at once: the next step publishes in the new phase, and a
   * venue hears of the phase change (day orders end when a regular session does).
   */
  setMode(mode: MarketMode): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    if (this.timer) this.step();
  }

  start(): void {
    if (this.timer) return;
    this.step();
    this.timer = this.opts.clock.setInterval(() => this.step(), this.intervalMs);
  }

  stop(): void {
    this.timer?.clear();
    this.timer = null;
  }

  subscribe(listener: QuoteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onPhase(listener: PhaseListener): () => void {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  }

  latest(symbol: string): Quote | null {
    return this.states.get(symbol)?.quote ?? null;
  }

  vix(): number {
    return this.vixLevel;
  }

  /** Advances the market to the clock's time and publishes the quotes that changed. */
  step(): Quote[] {
    const now = this.opts.clock.now();
    const elapsed = this.lastAt === null ? 0 : Math.max(0, now - this.lastAt);
    this.lastAt = now;
    const { phase, sessionFraction } = this.phase(now);
    const factors = phaseFactors(phase);
    // Prices move only while something trades; the first step publishes a quote for every symbol.
    const years = factors.activity > 0 ? elapsed / TRADING_MS_PER_YEAR : 0;
    const marketShock = this.marketRng.normal() * this.marketVol * Math.sqrt(years);
    this.vixLevel = Math.min(
      80,
      Math.max(9, this.vixLevel * Math.exp(-4 * marketShock) + (16 - this.vixLevel) * years * 5),
    );
    const activity = factors.activity * (phase === 'regular' ? uShape(sessionFraction) / 3.5 : 1);
    const changed: Quote[] = [];
    for (const s of this.states.values()) {
      const idio = s.rng.normal() * s.spec.vol * Math.sqrt(years);
      s.mid *= Math.exp(s.spec.beta * marketShock + idio);
      const update = s.quote === null || s.rng.next() < activity;
      if (!update) continue;
      s.quote = this.quoteFor(s, now, factors, phase === 'regular' ? uShape(sessionFraction) : 1);
      changed.push(s.quote);
    }
    for (const q of changed) for (const l of this.listeners) l(q);
    // After the quotes, so a venue closing its day sees the session's last prices.
    const previous = this.lastPhase;
    this.lastPhase = phase;
    if (previous !== null && previous !== phase) for (const l of this.phaseListeners) l(phase, previous);
    return changed;
  }

  private quoteFor(s: State, at: number, factors: ReturnType<typeof phaseFactors>, u: number): Quote {
    return quoteAround(s.spec.symbol, s.mid, at, factors, u, () => s.rng.next());
  }
}
