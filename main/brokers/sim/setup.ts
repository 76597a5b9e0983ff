/**
 * The embedded simulated market and broker for the demo account: the market continues from the
 * book's last daily closes, and the venue starts holding the book's positions and cash, so the
 * live account picks up exactly where the demo book ends.
 */
import { UNIVERSE } from '../../demo/universe';
import type { TradingFactory } from '../../engine/types';
import { SimMarket, type MarketMode, type QuoteListener } from '../../market/sim/feed';
import type { Store } from '../../store';
import { LiveBars, simBars, type StoredBars } from '../../market/sim/bars';
import { SimBroker } from './broker';
import { SqliteVenueStore } from './sqlite-venue';
import type { VenueState } from './venue';

export interface SimTradingOptions {
  /** The market's hours for this run (the command line's); without it, those in Settings. */
  mode?: MarketMode;
  seed?: number;
}

/** The book's last daily close per symbol, micro-dollars. */
function lastCloses(store: Store): Map<string, bigint> {
  const rows = store.db
    .prepare(
      `SELECT b.symbol, b.close FROM bars b
       JOIN (SELECT symbol, MAX(ts) AS ts FROM bars WHERE timeframe = '1Day' GROUP BY symbol) last
         ON last.symbol = b.symbol AND last.ts = b.ts AND b.timeframe = '1Day'`,
    )
    .safeIntegers(true)
    .all() as { symbol: string; close: bigint }[];
  return new Map(rows.map((r) => [r.symbol, r.close]));
}

/** The cache's bars of a symbol, as the broker port's domain type. */
function storedBars(store: Store): StoredBars {
  const query = store.db
    .prepare(
      `SELECT ts, open, high, low, close, volume FROM bars
       WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT 20000`,
    )
    .safeIntegers(true);
  return (symbol, timeframe, from, to) =>
    (
      query.all(symbol, timeframe, from, to) as {
        ts: bigint;
        open: bigint;
        high: bigint;
        low: bigint;
        close: bigint;
        volume: bigint;
      }[]
    ).map((r) => ({
      ts: Number(r.ts),
      open: r.open,
      high: r.high,
      low: r.low,
      close: r.close,
      volume: Number(r.volume),
    }));
}

/** The venue's opening state: the account's positions and its last cash. */
function openingVenue(store: Store, accountId: string): VenueState {
  const cash = store.equity.series(accountId).at(-1)?.cash ?? 0n;
  const holdings = store.positions.list(accountId).map((p) => ({
    symbol: p.symbol,
    assetClass: p.asset_class,
    qty: p.qty,
    costBasis: p.cost_basis ?? (p.qty * p.avg_entry_price) / 1_000_000_000n,
  }));
  return { cash, orders: [], fills: [], holdings, nextOrder: 1, nextExecution: 1 };
}

export function simTrading(options: SimTradingOptions): TradingFactory {
  const factory = async ({ clock, store, runner, log, marketMode }: Parameters<TradingFactory>[0]) => {
    const account = store.accounts.list().find((a) => a.broker === 'simulated');
    if (!account) return { brokers: [], close: async () => {} };
    const closes = lastCloses(store);
    const market = new SimMarket({
      clock,
      seed: options.seed ?? 20_261_122,
      mode: marketMode,
      symbols: UNIVERSE.filter((s) => closes.has(s.symbol)).map((s) => ({
        symbol: s.symbol,
        price: closes.get(s.symbol)!,
        vol: s.vol,
        beta: s.beta,
      })),
    });
    // The venue keeps its own state between runs; on its first run it opens with the book's.
    const venue = new SqliteVenueStore(account.id, store, runner);
    if (!venue.load()) await venue.commit({ ...openingVenue(store, account.id), fillsFrom: 0 });
    // Charts read the book's bars and those of the market running now.
    const live = new LiveBars();
    market.subscribe((q) => live.add(q));
    const broker = new SimBroker({
      bars: simBars(storedBars(store), live),
      accountId: account.id,
      clock,
      market,
      store: venue,
      startingCash: 0n,
      // Option quotes take their implied volatility from the market's VIX.
      impliedVol: () => market.vix() / 100,
      log,
    });
    market.start();
    log(
      `simulated market running (${marketMode === 'always' ? 'always open' : 'NYSE sessions'}) for ${market.symbols.length} symbols`,
    );
    return {
      brokers: [broker],
      // The simulated broker's quotes are the simulated market's (the feed its accounts show).
      quotes: { feed: 'sim', subscribe: (listener: QuoteListener) => market.subscribe(listener) },
      setMarketMode(mode: MarketMode) {
        market.setMode(mode);
      },
      async close() {
        market.stop();
        await broker.close();
      },
    };
  };
  return Object.assign(factory, { simMarket: { override: options.mode ?? null } });
}
