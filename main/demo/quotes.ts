import type { Quote } from '../brokers/types';
import { sessionOn, type Session } from '../domain/sessions';
import type { Rng } from '../domain/rng';
import { optionQuoteAround, phaseFactors, quoteAround, uShape } from '../market/sim/microstructure';
import type { IntradayPrices } from './intraday';
import type { DayBar } from './prices';

const REGULAR = phaseFactors('regular');

/**
 * The demo book's quotes: at any instant of a session, the live feed's quote rules
 * (microstructure.ts) around the intraday mid, so a demo order meets the book a live order would.
 */
export class DemoQuotes {
  private readonly rng: Rng;
  private session: Session | null = null;

  constructor(
    private readonly intraday: IntradayPrices,
    rng: Rng,
  ) {
    this.rng = rng;
  }

  equity(symbol: string, day: DayBar, at: number): Quote {
    if (this.session?.date !== day.date) this.session = sessionOn(day.date);
    const session = this.session;
    if (!session || at < session.open || at >= session.close)
      throw new Error(
        `demo book: no quote for ${symbol} at ${at}, outside the regular session of ${day.date}`,
      );
    const fraction = (at - session.open) / (session.close - session.open);
    const mid = this.intraday.mid(symbol, day, (at - session.open) / 60_000);
    return quoteAround(symbol, mid, at, REGULAR, uShape(fraction), () => this.rng.next());
  }

  option(symbol: string, modelPrice: number, at: number): Quote {
    return optionQuoteAround(symbol, modelPrice, at, () => this.rng.next());
  }
}
