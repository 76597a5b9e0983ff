/**
 * The order ticket's rules without the form: what it offers for an account's capabilities, the
 * request it sends, the price it expects, and the typed confirmation a live order needs. Pure,
 * so they are tested apart from React.
 */
import type { Capabilities, OrderRequest, Quote } from '../../../main/contract';
import { mul } from '../../money';

export type TicketType = OrderRequest['type'];
export type TicketTif = NonNullable<OrderRequest['timeInForce']>;

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
};

export const needsLimit = (t: TicketType): boolean => t === 'limit' || t === 'stop_limit';
export const needsStop = (t: TicketType): boolean => t === 'stop' || t === 'stop_limit';

/** The order types and times in force this account's broker takes, in the ticket's order. */
export function offered(caps: Capabilities): { types: TicketType[]; tifs: TicketTif[] } {
  return {
    types: (Object.keys(TYPE_LABELS) as TicketType[]).filter((t) => caps.orderTypes.includes(t)),
    tifs: (Object.keys(TIF_LABELS) as TicketTif[]).filter((t) => caps.timeInForce.includes(t)),
  };
}

/** Extended hours are offered where the broker trades them, for a day limit order (as brokers require). */
export function extendedHoursAllowed(caps: Capabilities, form: TicketForm): boolean {
  return caps.extendedHours && form.type === 'limit' && form.tif === 'day';
}

/**
 * Keeps a form inside what the account offers after a switch of account or type: a type or time
 * in force the broker does not take falls back to its first offer.
 */
export function fitForm(form: TicketForm, caps: Capabilities): TicketForm {
  const { types, tifs } = offered(caps);
  const type = types.includes(form.type) ? form.type : (types[0] ?? 'market');
  const tif = tifs.includes(form.tif) ? form.tif : (tifs[0] ?? 'day');
  const next = { ...form, type, tif };
  return { ...next, extendedHours: next.extendedHours && extendedHoursAllowed(caps, next) };
}

/** The request the ticket sends for a form (the engine validates it again, naming any bad field). */
export function ticketRequest(form: TicketForm, accountId: string | null): OrderRequest {
  const trailing = form.type === 'trailing_stop';
  return {
    ...(accountId ? { accountId } : {}),
    symbol: form.symbol.trim().toUpperCase(),
    assetClass: 'us_equity',
    side: form.side,
    type: form.type,
    timeInForce: form.tif,
    qty: form.qty.trim(),
    extendedHours: form.extendedHours,
    orderClass: 'simple',
    ...(needsLimit(form.type) ? { limitPrice: form.limit.trim() } : {}),
    ...(needsStop(form.type) ? { stopPrice: form.stop.trim() } : {}),
    ...(trailing && form.trailKind === 'price' ? { trailPrice: form.trail.trim() } : {}),
    ...(trailing && form.trailKind === 'percent' ? { trailPercent: form.trail.trim() } : {}),
  };
}

/** The price an order is expected to trade at, for the preview: its limit, else the touch. */
export function estimatePrice(form: TicketForm, quote: Quote | undefined): string | null {
  if (needsLimit(form.type) && form.limit.trim()) return form.limit.trim();
  if (!quote) return null;
  return form.side === 'buy' ? quote.ask : quote.bid;
}

/** Estimated cost (a buy) or proceeds (a sell), or null while the form cannot say. */
export function estimateValue(form: TicketForm, quote: Quote | undefined): string | null {
  const price = estimatePrice(form, quote);
  return price && form.qty.trim() ? mul(price, form.qty.trim()) : null;
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
  return `${req.side === 'buy' ? 'Buy' : 'Sell'} ${req.qty} ${req.symbol}${price}, ${tif}${req.extendedHours ? ', extended hours' : ''}`;
}
