/**
 * The simulated venue's refusals, as a broker gives them: malformed orders (invalid_order,
 * naming the field), orders it will not take now (rejected), and buying power. Pure: the broker
 * hands in what it knows (the phase, the position, what open orders already reserve).
 */
import { unsupported, type BrokerCapabilities } from '../capabilities';
import { BrokerError } from '../errors';
import type { Phase } from '../../domain/sessions';
import { fmtMoney } from '../../domain/fixed';
import { cashValue } from '../../domain/holdings';
import { parseOcc } from '../../domain/options';
import {
  isOpenStatus,
  type BrokerOrder,
  type Micros,
  type Nanos,
  type OrderRequest,
  type Quote,
} from '../types';
import { classProblem, ocoExitProblem, reservedByExits } from './classes';
import { expiresAt } from './option-quotes';

const SHARE = 1_000_000_000n;

export const invalid = (field: string, message: string): BrokerError =>
  new BrokerError('invalid_order', `${field}: ${message}`, '40010001', message);

/** Refuses a malformed order, naming the field (Alpaca's 422 with code 40010001). */
export function validateRequest(
  req: OrderRequest,
  caps: BrokerCapabilities,
  phase: Phase,
  options: { classes: boolean },
): void {
  if (!/^[A-Za-z0-9-]{1,48}$/.test(req.clientOrderId))
    throw invalid('clientOrderId', 'must be 1–48 letters, digits or hyphens');
  if (req.qty <= 0n) throw invalid('qty', 'must be positive');
  const why = unsupported(req, caps);
  if (why) throw invalid('order', why);
  // An OCO's limit price is its take-profit's: the limit check applies to it as to any limit.
  const needsLimit = req.type === 'limit' || req.type === 'stop_limit';
  const needsStop = req.type === 'stop' || req.type === 'stop_limit';
  if (needsLimit !== (req.limitPrice !== undefined))
    throw invalid('limitPrice', needsLimit ? 'required' : 'not allowed');
  if (needsStop !== (req.stopPrice !== undefined))
    throw invalid('stopPrice', needsStop ? 'required' : 'not allowed');
  if ((req.type === 'trailing_stop') !== (req.trail !== undefined))
    throw invalid('trail', req.type === 'trailing_stop' ? 'required' : 'not allowed');
  for (const [field, value] of [
    ['limitPrice', req.limitPrice],
    ['stopPrice', req.stopPrice],
  ] as const)
    if (value !== undefined && value <= 0n) throw invalid(field, 'must be positive');
  if (req.trail && (req.trail.kind === 'price' ? req.trail.amount <= 0n : req.trail.bps <= 0))
    throw invalid('trail', 'must be positive');
  if (req.extendedHours && (req.type !== 'limit' || req.timeInForce !== 'day'))
    throw invalid('extendedHours', 'only limit orders with time in force day trade outside regular hours');
  if (
    (req.timeInForce === 'opg' || req.timeInForce === 'cls') &&
    req.type !== 'market' &&
    req.type !== 'limit'
  )
    throw invalid('timeInForce', `${req.timeInForce} takes market and limit orders only`);
  if (options.classes) {
    const problem = classProblem(req);
    if (problem) throw invalid(...problem);
  }
  if (req.assetClass === 'us_option') optionShape(req);
  else if (req.positionIntent) throw invalid('positionIntent', 'equity orders take no position intent');
  if (req.timeInForce === 'opg' && phase === 'regular')
    throw new BrokerError(
      'rejected',
      'Opening orders are accepted only before the open.',
      '42210000',
      'opg orders must be submitted before the open',
    );
}

function optionShape(req: OrderRequest): void {
  if (!req.positionIntent)
    throw invalid(
      'positionIntent',
      'an option order says whether it opens or closes (buy_to_open … sell_to_close)',
    );
  if (!req.positionIntent.startsWith(req.side))
    throw invalid('positionIntent', `${req.positionIntent} does not go with side ${req.side}`);
  if (req.qty % SHARE !== 0n) throw invalid('qty', 'options trade in whole contracts');
  if (req.extendedHours) throw invalid('extendedHours', 'options trade in regular hours only');
}

/**
 * Position intents, enforced against the position and what open orders already reserve:
 * sell_to_close needs a long of at least the quantity, buy_to_close a short; sell_to_open
 * (writing uncovered options) is refused — the simulator models no option margin.
 */
export function intentProblem(
  req: OrderRequest,
  held: Nanos,
  reservedSells: Nanos,
  reservedBuys: Nanos,
): BrokerError | null {
  const refuse = (message: string, brokerMessage: string) =>
    new BrokerError('rejected', message, '40310000', brokerMessage);
  switch (req.positionIntent) {
    case 'sell_to_open':
      return refuse(
        'Writing options (sell_to_open) is not enabled for this account: the simulated broker models no option margin. Buy to open, or sell to close a contract you hold.',
        'account not eligible to write uncovered options',
      );
    case 'sell_to_close': {
      const available = (held > 0n ? held : 0n) - reservedSells;
      return req.qty <= available
        ? null
        : refuse(
            `sell_to_close needs a long position of ${contracts(req.qty)} contracts not already being sold; ${contracts(available > 0n ? available : 0n)} are available.`,
            'insufficient qty available for order',
          );
    }
    case 'buy_to_close': {
      const available = (held < 0n ? -held : 0n) - reservedBuys;
      return req.qty <= available
        ? null
        : refuse(
            `buy_to_close needs a short position of ${contracts(req.qty)} contracts not already being covered; ${contracts(available > 0n ? available : 0n)} are available.`,
            'insufficient qty available for order',
          );
    }
    default:
      return null;
  }
}

const contracts = (n: Nanos): string => (n / SHARE).toString();

/** Only the part of an order that adds exposure needs buying power (an exit needs none). */
export function buyingPowerProblem(
  req: OrderRequest,
  quote: Quote,
  held: Nanos,
  buyingPower: Micros,
): BrokerError | null {
  const reduces = req.side === 'buy' ? (held < 0n ? -held : 0n) : held > 0n ? held : 0n;
  const adds = req.qty > reduces ? req.qty - reduces : 0n;
  if (adds === 0n) return null;
  const price = req.limitPrice ?? (req.side === 'buy' ? quote.ask : quote.bid);
  const needed = cashValue(adds, price, req.assetClass);
  if (needed <= buyingPower) return null;
  return new BrokerError(
    'insufficient_buying_power',
    `Insufficient buying power: the order needs $${fmtMoney(needed)}, $${fmtMoney(buyingPower)} is available.`,
    '40310000',
    'insufficient buying power',
  );
}

/** An option contract must be an OCC symbol that has not expired. */
export function checkContract(symbol: string, now: number): void {
  const contract = parseOcc(symbol);
  if (!contract) throw invalid('symbol', 'an option order names its contract by OCC symbol');
  if (now >= expiresAt(contract))
    throw new BrokerError(
      'rejected',
      `${symbol} expired on ${contract.expiration}; it can no longer be traded.`,
      '42210000',
      'option contract expired',
    );
}

/** OCO exits and option intents, against the position and what the open orders reserve. */
export function positionProblem(
  req: OrderRequest,
  held: Nanos,
  orders: readonly BrokerOrder[],
): BrokerError | null {
  const oco = ocoExitProblem(req, held, reservedByExits(orders, req.symbol, req.side));
  if (oco)
    return new BrokerError(
      'rejected',
      `${oco[0]}: ${oco[1]}.`,
      '40310000',
      'insufficient qty available for order',
    );
  if (req.assetClass !== 'us_option') return null;
  let sells = 0n;
  let buys = 0n;
  for (const o of orders) {
    if (o.symbol !== req.symbol || !isOpenStatus(o.status)) continue;
    if (o.side === 'sell') sells += o.qty - o.filledQty;
    else buys += o.qty - o.filledQty;
  }
  return intentProblem(req, held, sells, buys);
}
