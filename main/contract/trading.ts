import { z } from 'zod';
import { Decimal, Id, IsoInstant } from './primitives';

/**
 * The trading part of the contract: orders, fills, quotes. Amounts are decimal strings; an order
 * that is malformed is refused here, naming the field, before any broker sees it.
 */

const PositiveDecimal = Decimal.refine(
  (v) => /[1-9]/.test(v) && !v.startsWith('-'),
  'must be greater than zero',
);

/** An equity ticker (BRK.B) or an OCC option symbol (SPY261218P00481000). */
export const TickerSymbol = z
  .string()
  .regex(
    /^(?:[A-Z][A-Z0-9]{0,5}(?:\.[A-Z])?|[A-Z]{1,6}\d{6}[CP]\d{8})$/,
    'expected a ticker such as SPY or an OCC option symbol',
  );

export const Side = z.enum(['buy', 'sell']);
export const PositionIntent = z.enum(['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close']);
export const OrderType = z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']);
export const TimeInForce = z.enum(['day', 'gtc', 'ioc', 'fok', 'opg', 'cls']);
export const OrderClass = z.enum(['simple', 'bracket', 'oco', 'oto']);
export const OrderStatus = z.enum([
  'pending_new',
  'new',
  'partially_filled',
  'filled',
  'pending_cancel',
  'canceled',
  'pending_replace',
  'replaced',
  'expired',
  'rejected',
  'held',
  'done_for_day',
]);
export const AssetClass = z.enum(['us_equity', 'us_option']);

/** What an account's broker supports: the order ticket offers only these, the engine refuses the rest. */
export const Capabilities = z.object({
  assetClasses: z.array(AssetClass),
  orderTypes: z.array(OrderType),
  timeInForce: z.array(TimeInForce),
  orderClasses: z.array(OrderClass),
  extendedHours: z.boolean(),
  fractional: z.boolean(),
  shortSelling: z.boolean(),
  replace: z.boolean(),
  /** The broker can check an order without placing it (Tradier's preview). */
  preview: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

/** An account's connection to its broker, while one is connected. */
export const AccountTrading = z.object({
  /** Real money: the pages mark it LIVE and ask for a typed confirmation before each order. */
  live: z.boolean(),
  capabilities: Capabilities,
  /** The feed of the quotes this account trades on (pushed quotes are keyed `feed:symbol`). */
  quoteFeed: z.string(),
});
export type AccountTrading = z.infer<typeof AccountTrading>;

/** Compares two decimal strings exactly (no floats): negative, zero or positive. */
export function compareDecimal(a: string, b: string): number {
  const parts = (d: string) => {
    const neg = d.startsWith('-');
    const [w = '0', f = ''] = (neg ? d.slice(1) : d).split('.');
    return { neg, w: w.replace(/^0+(?=\d)/, ''), f };
  };
  const x = parts(a);
  const y = parts(b);
  const scale = Math.max(x.f.length, y.f.length);
  const int = (p: { neg: boolean; w: string; f: string }) =>
    (p.neg ? -1n : 1n) * BigInt(p.w + p.f.padEnd(scale, '0'));
  const diff = int(x) - int(y);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

const OCC_SYMBOL = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;

/** A bracket's or OCO's take-profit: a limit order on the exit side. */
export const TakeProfit = z.strictObject({ limitPrice: PositiveDecimal });
/** A bracket's or OCO's stop-loss: a stop, or a stop-limit when it has a limit price. */
export const StopLoss = z.strictObject({
  stopPrice: PositiveDecimal,
  limitPrice: PositiveDecimal.optional(),
});

/** What the order ticket (or a strategy, or a webhook) asks for. */
export const OrderRequest = z
  .strictObject({
    accountId: Id.optional(),
    /** Idempotency key; Keel makes one when absent. Letters, digits and hyphens, at most 48. */
    clientOrderId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,48}$/, 'use 1–48 letters, digits or hyphens')
      .optional(),
    symbol: TickerSymbol,
    assetClass: AssetClass.default('us_equity'),
    side: Side,
    positionIntent: PositionIntent.optional(),
    type: OrderType,
    timeInForce: TimeInForce.default('day'),
    qty: PositiveDecimal,
    limitPrice: PositiveDecimal.optional(),
    stopPrice: PositiveDecimal.optional(),
    /** Trailing stops: a price amount or a percentage (one of the two). */
    trailPrice: PositiveDecimal.optional(),
    trailPercent: PositiveDecimal.optional(),
    extendedHours: z.boolean().default(false),
    orderClass: OrderClass.default('simple'),
    /** Exit legs: bracket (both), OTO (one of them), OCO (both; the order is the take-profit). */
    takeProfit: TakeProfit.optional(),
    stopLoss: StopLoss.optional(),
  })
  .superRefine((o, ctx) => {
    // An OCO is its take-profit limit order: the limit price is the take-profit's.
    const ocoLimit = o.orderClass === 'oco' && o.limitPrice === undefined;
    const needsLimit = (o.type === 'limit' || o.type === 'stop_limit') && !ocoLimit;
    const needsStop = o.type === 'stop' || o.type === 'stop_limit';
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (needsLimit && o.limitPrice === undefined)
      problem('limitPrice', `a ${o.type} order needs a limit price`);
    if (!needsLimit && o.limitPrice !== undefined)
      problem('limitPrice', `a ${o.type} order takes no limit price`);
    if (needsStop && o.stopPrice === undefined) problem('stopPrice', `a ${o.type} order needs a stop price`);
    if (!needsStop && o.stopPrice !== undefined)
      problem('stopPrice', `a ${o.type} order takes no stop price`);
    const trails = (o.trailPrice !== undefined ? 1 : 0) + (o.trailPercent !== undefined ? 1 : 0);
    if (o.type === 'trailing_stop' && trails !== 1)
      problem('trailPrice', 'a trailing stop needs a trail price or a trail percent (one of them)');
    if (o.type !== 'trailing_stop' && trails > 0) problem('trailPrice', `a ${o.type} order takes no trail`);
    if (o.extendedHours && (o.type !== 'limit' || o.timeInForce !== 'day'))
      problem('extendedHours', 'only limit orders with time in force day trade outside regular hours');
    if (o.assetClass === 'us_option' && o.positionIntent === undefined)
      problem(
        'positionIntent',
        'an option order says whether it opens or closes (buy_to_open … sell_to_close)',
      );
    if (o.assetClass === 'us_equity' && o.positionIntent !== undefined)
      problem('positionIntent', 'equity orders take no position intent; a sell below zero is a short');
    checkOption(o, problem);
    checkClass(o, problem);
  });
export type OrderRequest = z.infer<typeof OrderRequest>;

type Problem = (path: string, message: string) => void;
interface Parsed {
  symbol: string;
  assetClass: 'us_equity' | 'us_option';
  side: 'buy' | 'sell';
  positionIntent?: z.infer<typeof PositionIntent> | undefined;
  type: z.infer<typeof OrderType>;
  timeInForce: z.infer<typeof TimeInForce>;
  qty: string;
  limitPrice?: string | undefined;
  stopPrice?: string | undefined;
  extendedHours: boolean;
  orderClass: z.infer<typeof OrderClass>;
  takeProfit?: z.infer<typeof TakeProfit> | undefined;
  stopLoss?: z.infer<typeof StopLoss> | undefined;
}

/** Single-leg options: an OCC symbol, a position intent matching the side, whole contracts. */
function checkOption(o: Parsed, problem: Problem): void {
  const occ = OCC_SYMBOL.test(o.symbol);
  if (o.assetClass === 'us_equity') {
    if (occ) problem('assetClass', 'an OCC option symbol is traded with assetClass us_option');
    return;
  }
  if (!occ) problem('symbol', 'an option order names its contract by OCC symbol, e.g. SPY261218P00481000');
  if (o.positionIntent && !o.positionIntent.startsWith(o.side))
    problem(
      'positionIntent',
      `${o.positionIntent} is a ${o.side === 'buy' ? 'sell' : 'buy'}, not a ${o.side}`,
    );
  if (o.orderClass !== 'simple')
    problem('orderClass', 'option orders are simple (single-leg); bracket, OCO and OTO are for equities');
  if (!/^\d+(\.0+)?$/.test(o.qty)) problem('qty', 'options trade in whole contracts');
  if (o.extendedHours) problem('extendedHours', 'options trade in regular hours only');
}

/**
 * Order classes, as Alpaca takes them: a bracket is an entry with a take-profit and a stop-loss,
 * an OTO an entry with one of them, an OCO the two exits of an existing position at once. Legs
 * are priced on the right side of the entry (a buy's take-profit above it, its stop below), and
 * only day and gtc orders in regular hours carry legs.
 */
function checkClass(o: Parsed, problem: Problem): void {
  const tp = o.takeProfit;
  const sl = o.stopLoss;
  if (o.orderClass === 'simple') {
    if (tp) problem('takeProfit', 'a simple order takes no take-profit; use orderClass bracket, oto or oco');
    if (sl) problem('stopLoss', 'a simple order takes no stop-loss; use orderClass bracket, oto or oco');
    return;
  }
  const cls = o.orderClass;
  if (o.timeInForce !== 'day' && o.timeInForce !== 'gtc')
    problem('timeInForce', `a ${cls} order is day or gtc`);
  if (o.extendedHours) problem('extendedHours', `a ${cls} order trades in regular hours only`);
  if (o.type === 'trailing_stop') problem('type', `a ${cls} order cannot be a trailing stop`);
  if (cls === 'bracket' || cls === 'oco') {
    if (!tp) problem('takeProfit', `a ${cls} order needs a take-profit (takeProfit.limitPrice)`);
    if (!sl) problem('stopLoss', `a ${cls} order needs a stop-loss (stopLoss.stopPrice)`);
  } else if ((tp ? 1 : 0) + (sl ? 1 : 0) !== 1) {
    problem('takeProfit', 'an oto order needs exactly one leg: a take-profit or a stop-loss');
  }
  // The exit side: a buy is closed by sells, so its take-profit is higher and its stop lower.
  // An OCO's legs are on its own side (it is the exit); a bracket's and OTO's on the other.
  const up = o.side === 'buy' ? 1 : -1;
  const exitSide = cls === 'oco' ? o.side : o.side === 'buy' ? 'sell' : 'buy';
  const exitUp = exitSide === 'sell' ? 1 : -1;
  if (sl?.limitPrice !== undefined && compareDecimal(sl.limitPrice, sl.stopPrice) * exitUp > 0)
    problem(
      'stopLoss.limitPrice',
      `a ${exitSide} stop-limit's limit price must be ${exitUp > 0 ? 'at or below' : 'at or above'} its stop price`,
    );
  if (cls === 'oco') {
    if (o.type !== 'limit') problem('type', 'an oco order is of type limit (its take-profit)');
    if (tp && o.limitPrice !== undefined && compareDecimal(o.limitPrice, tp.limitPrice) !== 0)
      problem('limitPrice', 'an oco order’s limit price is its take-profit’s; give it once');
    // Both legs exit the same position: for a sell, the take-profit above the stop.
    const sellUp = o.side === 'sell' ? 1 : -1;
    if (tp && sl && compareDecimal(tp.limitPrice, sl.stopPrice) * sellUp <= 0)
      problem(
        'takeProfit.limitPrice',
        `an oco ${o.side}’s take-profit must be ${sellUp > 0 ? 'above' : 'below'} its stop-loss`,
      );
    return;
  }
  if (tp && sl && compareDecimal(tp.limitPrice, sl.stopPrice) * up <= 0)
    problem(
      'takeProfit.limitPrice',
      `a ${o.side}’s take-profit must be ${up > 0 ? 'above' : 'below'} its stop-loss`,
    );
  const entry = o.type === 'stop' ? o.stopPrice : o.limitPrice;
  if (entry === undefined) return; // a market entry: legs are checked against the fill
  if (tp && compareDecimal(tp.limitPrice, entry) * up <= 0)
    problem(
      'takeProfit.limitPrice',
      `a ${o.side}’s take-profit must be ${up > 0 ? 'above' : 'below'} the entry price ${entry}`,
    );
  if (sl && compareDecimal(sl.stopPrice, entry) * up >= 0)
    problem(
      'stopLoss.stopPrice',
      `a ${o.side}’s stop-loss must be ${up > 0 ? 'below' : 'above'} the entry price ${entry}`,
    );
}

export const Order = z.object({
  id: Id,
  accountId: Id,
  clientOrderId: z.string(),
  brokerOrderId: z.string().nullable(),
  symbol: z.string(),
  assetClass: AssetClass,
  side: Side,
  /** open/close with side: buy-open long, sell-close sell, sell-open short, buy-close cover. */
  positionEffect: z.enum(['open', 'close']).nullable(),
  type: OrderType,
  timeInForce: TimeInForce,
  orderClass: OrderClass,
  qty: Decimal,
  filledQty: Decimal,
  avgFillPrice: Decimal.nullable(),
  limitPrice: Decimal.nullable(),
  stopPrice: Decimal.nullable(),
  trailPrice: Decimal.nullable(),
  trailPercent: Decimal.nullable(),
  extendedHours: z.boolean(),
  status: OrderStatus,
  source: z.enum(['manual', 'webhook', 'strategy', 'rebalance', 'import', 'demo', 'external']),
  parentOrderId: z.string().nullable(),
  replacesOrderId: z.string().nullable(),
  replacedByOrderId: z.string().nullable(),
  rejectReason: z.string().nullable(),
  submittedAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Order = z.infer<typeof Order>;

export const Fill = z.object({
  id: Id,
  orderId: Id,
  accountId: Id,
  executionId: z.string(),
  symbol: z.string(),
  side: Side,
  qty: Decimal,
  price: Decimal,
  fee: Decimal,
  filledAt: IsoInstant,
});
export type Fill = z.infer<typeof Fill>;

export const Quote = z.object({
  /**
   * Where the quote comes from ('sim' for the simulated market; a broker's feed otherwise). A
   * page shows an account only quotes of its own feed, so simulated prices never appear beside
   * a live account.
   */
  feed: z.string().min(1).max(32),
  symbol: z.string(),
  bid: Decimal,
  ask: Decimal,
  bidSize: z.number().int().nonnegative(),
  askSize: z.number().int().nonnegative(),
  at: IsoInstant,
});
export type Quote = z.infer<typeof Quote>;

export const OrderChanges = z
  .strictObject({
    orderId: Id,
    qty: PositiveDecimal.optional(),
    limitPrice: PositiveDecimal.optional(),
    stopPrice: PositiveDecimal.optional(),
    trailPrice: PositiveDecimal.optional(),
    trailPercent: PositiveDecimal.optional(),
    timeInForce: TimeInForce.optional(),
  })
  .refine(
    (c) => Object.keys(c).some((k) => k !== 'orderId'),
    'say what to change: qty, limitPrice, stopPrice, trailPrice, trailPercent or timeInForce',
  );

/** The broker's view of an account: what it is worth and what it may buy. */
export const Balances = z.object({
  accountId: Id,
  equity: Decimal,
  cash: Decimal,
  buyingPower: Decimal,
  longMarketValue: Decimal,
  shortMarketValue: Decimal,
  daytradeCount: z.number().int().nonnegative(),
  patternDayTrader: z.boolean(),
  tradingBlocked: z.boolean(),
});
export type Balances = z.infer<typeof Balances>;
