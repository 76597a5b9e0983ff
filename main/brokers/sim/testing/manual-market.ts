import type { Phase } from '../../../domain/sessions';
import type { PhaseListener, QuoteListener, QuoteSource } from '../../../market/sim/feed';
import type { Quote } from '../../types';

/** A market the test sets by hand: each `set` publishes one quote; `setPhase` changes the session. */
export class ManualMarket implements QuoteSource {
  private readonly quotes = new Map<string, Quote>();
  private readonly listeners = new Set<QuoteListener>();
  private readonly phaseListeners = new Set<PhaseListener>();
  private current: Phase = 'regular';

  constructor(private readonly now: () => number) {}

  set(symbol: string, bid: bigint, ask: bigint, size = 1_000): Quote {
    const q: Quote = { symbol, bid, ask, bidSize: size, askSize: size, last: null, at: this.now() };
    this.quotes.set(symbol, q);
    for (const l of this.listeners) l(q);
    return q;
  }

  setPhase(phase: Phase): void {
    const previous = this.current;
    this.current = phase;
    if (previous !== phase) for (const l of this.phaseListeners) l(phase, previous);
  }

  latest(symbol: string): Quote | null {
    return this.quotes.get(symbol) ?? null;
  }

  subscribe(listener: QuoteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onPhase(listener: PhaseListener): () => void {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  }

  phase(): { phase: Phase } {
    return { phase: this.current };
  }
}
