/**
 * The order ticket's rules without the form: what it offers for an account's capabilities, the
 * request it sends, the price it expects, and the typed confirmation a live order needs. Pure,
 * so they are tested apart from React.
 */
import type { Capabilities, OrderRequest, Quote } from '../../../main/contract';
import { mul } from '../../money';

export type TicketType = OrderRequest['type'];
export type TicketTif = NonNullable<OrderRequest['timeInForce']>;
export type TicketClass = NonNullable<OrderRequest['orderClass']>;
export type TicketAsset = NonNullable<OrderRequest['assetClass']>;

export const CLASS_LABELS: Record<TicketClass, string> = {
  simple: 'Simple',
  bracket: 'Bracket — entry, take-profit and stop-loss',
  oto: 'OTO — entry and one exit',
  oco: 'OCO — two exits of a position',
};

export const TYPE_LABELS: Record<TicketType, string> = {
  market: 'Market',
  limit: 'Limit',
  stop: 'Stop',
  stop_limit: 'Stop limit',
  trailing_stop: 'Trailing stop',
};

export const TIF_LABELS: Record<TicketTif, string> = {
  day: 'Day',
  gtc: 'GTC — until cancelled',
  ioc: 'IOC — fill now, cancel the rest',
  fok: 'FOK — all now or nothing',
  opg: 'OPG — at the open',
  cls: 'CLS — at the close',
};

export interface TicketForm {
  symbol: string;
  side: 'buy' | 'sell';
  type: TicketType;
  qty: string;
  limit: string;
  stop: string;
  /** Trailing stops: the trail, as a price amount or a percentage. */
  trail: string;
  trailKind: 'price' | 'percent';
  tif: TicketTif;
  extendedHours: boolean;
  /** Stock, or a single-leg option named by its OCC symbol. */
  assetClass: TicketAsset;
  /** Options: the order opens or closes a position (with the side: buy_to_open … sell_to_close). */
  intent: 'open' | 'close';
  orderClass: TicketClass;
  /** Exit legs: the take-profit's limit, the stop-loss's stop and optional limit. */
  takeProfit: string;
  stopLoss: string;
  stopLossLimit: string;
}

export const EMPTY_FORM: TicketForm = {
  symbol: 'SPY',
  side: 'buy',
  type: 'market',
  qty: '',
  limit: '',
  stop: '',
  trail: '',
  trailKind: 'percent',
  tif: 'day',
  extendedHours: false,
  assetClass: 'us_equity',
  intent: 'open',
  orderClass: 'simple',
  takeProfit: '',
  stopLoss: '',
  stopLossLimit: '',
};

/** An OCO's limit is its take-profit's, asked for once, in the take-profit field. */
export const needsLimit = (t: TicketType, cls: TicketClass = 'simple'): boolean =>
  (t === 'limit' || t === 'stop_limit') && cls !== 'oco';
export const needsStop = (t: TicketType): boolean => t === 'stop' || t === 'stop_limit';

/** The order types and times in force this account's broker takes, in the ticket's order. */
export function offered(
  caps: Capabilities,
  form: Pick<TicketForm, 'assetClass' | 'orderClass'> = EMPTY_FORM,
): { types: TicketType[]; tifs: TicketTif[]; classes: TicketClass[]; assets: TicketAsset[] } {
  const legs = form.orderClass !== 'simple';
  return {
    // An OCO is a limit order (its take-profit); legs never ride on trailing stops.
    types: (Object.keys(TYPE_LABELS) as TicketType[])
      .filter((t) => caps.orderTypes.includes(t))
      .filter((t) => (form.orderClass === 'oco' ? t === 'limit' : !legs || t !== 'trailing_stop')),
    // Orders with legs are day or GTC.
    tifs: (Object.keys(TIF_LABELS) as TicketTif[])
      .filter((t) => caps.timeInForce.includes(t))
      .filter((t) => !legs || t === 'day' || t === 'gtc'),
    // Options are single-leg.
    classes: (Object.keys(CLASS_LABELS) as TicketClass[]).filter(
      (c) => caps.orderClasses.includes(c) && (form.assetClass === 'us_equity' || c === 'simple'),
    ),
    assets: (['us_equity', 'us_option'] as const).filter((a) => caps.assetClasses.includes(a)),
  };
}

/** Extended hours are offered where the broker trades them, for a day limit order (as brokers require). */
export function extendedHoursAllowed(caps: Capabilities, form: TicketForm): boolean {
  return (
    caps.extendedHours &&
    form.type === 'limit' &&
    form.tif === 'day' &&
    form.assetClass === 'us_equity' &&
    form.orderClass === 'simple'
  );
}

/**
 * Keeps a form inside what the account offers after a switch of account or type: a type or time
 * in force the broker does not take falls back to its first offer.
 */
export function fitForm(form: TicketForm, caps: Capabilities): TicketForm {
  const { assets } = offered(caps, form);
  const assetClass = assets.includes(form.assetClass) ? form.assetClass : (assets[0] ?? 'us_equity');
  const { classes } = offered(caps, { ...form, assetClass });
  const orderClass = classes.includes(form.orderClass) ? form.orderClass : 'simple';
  const { types, tifs } = offered(caps, { assetClass, orderClass });
  const type = types.includes(form.type) ? form.type : (types[0] ?? 'market');
  const tif = tifs.includes(form.tif) ? form.tif : (tifs[0] ?? 'day');
  const next = { ...form, assetClass, orderClass, type, tif };
  return { ...next, extendedHours: next.extendedHours && extendedHoursAllowed(caps, next) };
}

/** The exit legs a form's class sends: a bracket both, an OCO both, an OTO the one filled in. */
function legs(form: TicketForm): Pick<OrderRequest, 'takeProfit' | 'stopLoss'> {
  const tp = form.takeProfit.trim();
  const sl = form.stopLoss.trim();
  const slLimit = form.stopLossLimit.trim();
  const takeProfit = { takeProfit: { limitPrice: tp } };
  const stopLoss = { stopLoss: { stopPrice: sl, ...(slLimit ? { limitPrice: slLimit } : {}) } };
  switch (form.orderClass) {
    case 'simple':
      return {};
    case 'oto':
      return tp ? takeProfit : stopLoss;
    case 'bracket':
    case 'oco':
      return { ...takeProfit, ...stopLoss };
  }
}

/**
 * A new client order id for one order the trader means to send. The ticket keeps it until the
 * order is placed or the form is edited, so sending again after an unknown outcome (a dropped
 * connection, a broker that did not answer) asks for the same order — never a second one.
 */
export function newClientOrderId(now: number = Date.now(), random: () => number = Math.random): string {
  const tail = Array.from({ length: 10 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `t-${now.toString(36)}-${tail}`;
}

/** The request the ticket sends for a form (the engine validates it again, naming any bad field). */
export function ticketRequest(form: TicketForm, accountId: string | null): OrderRequest {
  const trailing = form.type === 'trailing_stop';
  const option = form.assetClass === 'us_option';
  return {
    ...(accountId ? { accountId } : {}),
    symbol: form.symbol.trim().toUpperCase(),
    assetClass: form.assetClass,
    side: form.side,
    ...(option ? { positionIntent: `${form.side}_to_${form.intent}` as const } : {}),
    type: form.type,
    timeInForce: form.tif,
    qty: form.qty.trim(),
    extendedHours: form.extendedHours,
    orderClass: form.orderClass,
    ...legs(form),
    ...(needsLimit(form.type, form.orderClass) ? { limitPrice: form.limit.trim() } : {}),
    ...(needsStop(form.type) ? { stopPrice: form.stop.trim() } : {}),
    ...(trailing && form.trailKind === 'price' ? { trailPrice: form.trail.trim() } : {}),
    ...(trailing && form.trailKind === 'percent' ? { trailPercent: form.trail.trim() } : {}),
  };
}

/** The price an order is expected to trade at, for the preview: its limit, else the touch. */
export function estimatePrice(form: TicketForm, quote: Quote | undefined): string | null {
  if (form.orderClass === 'oco' && form.takeProfit.trim()) return form.takeProfit.trim();
  if (needsLimit(form.type, form.orderClass) && form.limit.trim()) return form.limit.trim();
  if (!quote) return null;
  return form.side === 'buy' ? quote.ask : quote.bid;
}

/** Estimated cost (a buy) or proceeds (a sell), or null while the form cannot say. */
export function estimateValue(form: TicketForm, quote: Quote | undefined): string | null {
  const price = estimatePrice(form, quote);
  if (!price || !form.qty.trim()) return null;
  const value = mul(price, form.qty.trim());
  // Option prices are per share; a contract is 100 shares.
  return value && form.assetClass === 'us_option' ? mul(value, '100') : value;
}

/**
 * What the trader types to send a live order: its symbol. Tied to the order (not a fixed word)
 * so that a reflexive Enter never confirms, and a wrong symbol is caught.
 */
export function confirmationWord(req: OrderRequest): string {
  return req.symbol;
}

export function confirmed(req: OrderRequest, typed: string): boolean {
  return typed.trim() === confirmationWord(req);
}

/** One line saying what an order will do, for the confirmation. */
export function describeOrder(req: OrderRequest): string {
  const price =
    req.type === 'limit'
      ? ` limit ${req.limitPrice}`
      : req.type === 'stop'
        ? ` stop ${req.stopPrice}`
        : req.type === 'stop_limit'
          ? ` stop ${req.stopPrice} limit ${req.limitPrice}`
          : req.type === 'trailing_stop'
            ? ` trailing ${req.trailPrice ?? `${req.trailPercent}%`}`
            : ' at market';
  const tif = (req.timeInForce ?? 'day').toUpperCase();
  const verb = req.positionIntent
    ? req.positionIntent.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
    : req.side === 'buy'
      ? 'Buy'
      : 'Sell';
  const contracts = req.assetClass === 'us_option' ? ` contract${req.qty === '1' ? '' : 's'}` : '';
  const legParts = [
    req.takeProfit ? `take-profit ${req.takeProfit.limitPrice}` : null,
    req.stopLoss
      ? `stop-loss ${req.stopLoss.stopPrice}${req.stopLoss.limitPrice ? ` limit ${req.stopLoss.limitPrice}` : ''}`
      : null,
  ].filter((p) => p !== null);
  const legText = legParts.length ? ` (${req.orderClass}: ${legParts.join(', ')})` : '';
  const shown = req.orderClass === 'oco' && req.type === 'limit' && !req.limitPrice ? ' exits' : price;
  return `${verb} ${req.qty}${contracts} ${req.symbol}${shown}${legText}, ${tif}${req.extendedHours ? ', extended hours' : ''}`;
}
