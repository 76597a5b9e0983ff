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
  })
  .superRefine((o, ctx) => {
    const needsLimit = o.type === 'limit' || o.type === 'stop_limit';
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
  });
export type OrderRequest = z.infer<typeof OrderRequest>;

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
