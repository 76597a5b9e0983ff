/**
 * Order classes at the simulated venue, after Alpaca's documented behaviour:
 *
 * - bracket: an entry and two exit legs (take-profit limit, stop-loss stop or stop-limit) on the
 *   other side, created with the entry as its children and `held` until the entry fills; then
 *   they work for the filled quantity; one filling in part shrinks the other to what is still
 *   open, and one filled cancels the other.
 * - oto: an entry and one exit leg, held the same way.
 * - oco: the two exits of an existing position working at once (the order is its take-profit
 *   limit; the stop-loss is its child); the same one-cancels-other rule.
 *
 * Pure rules and leg construction; the broker (broker.ts) applies them to its orders.
 */
import { fmtPrice } from '../../domain/fixed';
import { isOpenStatus, type BrokerOrder, type Micros, type Nanos, type OrderRequest } from '../types';

/** What an order is within its class: the entry, or one of the exits. */
export type LegRole = 'entry' | 'take_profit' | 'stop_loss';

/** A field and what is wrong with it, or null. */
export type Problem = [field: string, message: string] | null;

const opposite = (side: 'buy' | 'sell') => (side === 'buy' ? 'sell' : 'buy');

/** Whether the legs fit the class and sit on the right side of the entry (exact, micro-dollars). */
export function classProblem(req: OrderRequest): Problem {
  const { takeProfit: tp, stopLoss: sl, orderClass: cls } = req;
  if (cls === 'simple') {
    if (tp) return ['takeProfit', 'a simple order takes no take-profit'];
    if (sl) return ['stopLoss', 'a simple order takes no stop-loss'];
    return null;
  }
  if (req.assetClass !== 'us_equity') return ['orderClass', `${cls} orders are for equities only`];
  if (req.timeInForce !== 'day' && req.timeInForce !== 'gtc')
    return ['timeInForce', `a ${cls} order is day or gtc`];
  if (req.extendedHours) return ['extendedHours', `a ${cls} order trades in regular hours only`];
  if (req.type === 'trailing_stop') return ['type', `a ${cls} order cannot be a trailing stop`];
  if (cls === 'oto' ? (tp ? 1 : 0) + (sl ? 1 : 0) !== 1 : !tp || !sl)
    return [
      tp ? 'stopLoss' : 'takeProfit',
      cls === 'oto'
        ? 'an oto order needs exactly one leg'
        : `a ${cls} order needs a take-profit and a stop-loss`,
    ];
  for (const [field, v] of [
    ['takeProfit.limitPrice', tp?.limitPrice],
    ['stopLoss.stopPrice', sl?.stopPrice],
    ['stopLoss.limitPrice', sl?.limitPrice],
  ] as const)
    if (v !== undefined && v <= 0n) return [field, 'must be positive'];
  const exitSide = cls === 'oco' ? req.side : opposite(req.side);
  // A sell stop-limit sells no lower than its limit, which is at or below the stop; a buy mirrors it.
  if (
    sl?.limitPrice !== undefined &&
    (exitSide === 'sell' ? sl.limitPrice > sl.stopPrice : sl.limitPrice < sl.stopPrice)
  )
    return ['stopLoss.limitPrice', `a ${exitSide} stop-limit's limit must be on the far side of its stop`];
  // Exits of a long (sells): take-profit high, stop low. Exits of a short (buys): the reverse.
  const above = (a: Micros, b: Micros) => (exitSide === 'sell' ? a > b : a < b);
  if (tp && sl && !above(tp.limitPrice, sl.stopPrice))
    return ['takeProfit.limitPrice', 'the take-profit must be beyond the stop-loss, away from the loss'];
  if (cls === 'oco') {
    if (req.type !== 'limit') return ['type', 'an oco order is of type limit (its take-profit)'];
    if (req.limitPrice !== tp!.limitPrice)
      return ['limitPrice', "an oco order's limit price is its take-profit's"];
    return null;
  }
  const entry = req.type === 'stop' ? req.stopPrice : req.limitPrice;
  if (entry === undefined) return null;
  if (tp && !above(tp.limitPrice, entry)) return ['takeProfit.limitPrice', `must be beyond the entry price`];
  if (sl && !above(entry, sl.stopPrice)) return ['stopLoss.stopPrice', `must be short of the entry price`];
  return null;
}

/**
 * An OCO only exits a position (as at Alpaca): a sell needs a long of at least its quantity not
 * already reserved by open exits on its side, a buy a short likewise. `held` is the position,
 * negative for a short; `reserved` what the open same-side exits still have to fill.
 */
export function ocoExitProblem(req: OrderRequest, held: Nanos, reserved: Nanos): Problem {
  if (req.orderClass !== 'oco') return null;
  const covered = (req.side === 'sell' ? held : -held) - reserved;
  return covered >= req.qty
    ? null
    : [
        'orderClass',
        `an oco order exits a position: it needs a ${req.side === 'sell' ? 'long' : 'short'} of at least its quantity not already being exited by open orders`,
      ];
}

/**
 * A replaced exit against its sibling (and its entry's price while held): the take-profit stays
 * beyond the stop-loss, away from the loss. `exitSide` is the exits' side.
 */
export function exitPairProblem(
  exitSide: 'buy' | 'sell',
  takeProfit: Micros | null,
  stopLoss: Micros | null,
  entryPrice: Micros | null,
): Problem {
  const above = (a: Micros, b: Micros) => (exitSide === 'sell' ? a > b : a < b);
  if (takeProfit !== null && stopLoss !== null && !above(takeProfit, stopLoss))
    return ['takeProfit.limitPrice', 'the take-profit must be beyond the stop-loss, away from the loss'];
  if (entryPrice === null) return null;
  if (takeProfit !== null && !above(takeProfit, entryPrice))
    return ['takeProfit.limitPrice', 'must be beyond the entry price'];
  if (stopLoss !== null && !above(entryPrice, stopLoss))
    return ['stopLoss.stopPrice', 'must be short of the entry price'];
  return null;
}

/**
 * What the open exits on a side still have to fill: the working legs of brackets and OTOs and
 * both orders of an OCO, each class counted once (its exits close the same shares). Held legs
 * reserve nothing yet: their entry has not bought what they will sell.
 */
export function reservedByExits(orders: readonly BrokerOrder[], symbol: string, side: 'buy' | 'sell'): Nanos {
  const byClass = new Map<string, Nanos>();
  for (const o of orders) {
    const exit = o.orderClass === 'oco' || o.parentBrokerOrderId !== null;
    if (!exit || o.symbol !== symbol || o.side !== side) continue;
    if (o.status === 'held' || !isOpenStatus(o.status)) continue;
    const key = o.parentBrokerOrderId ?? o.brokerOrderId;
    const open = o.qty - o.filledQty;
    const seen = byClass.get(key) ?? 0n;
    byClass.set(key, open > seen ? open : seen);
  }
  let sum = 0n;
  for (const v of byClass.values()) sum += v;
  return sum;
}

/**
 * The legs of a market entry, against the touch it will fill at (the ask for a buy, the bid for
 * a sell): a take-profit short of it, or a stop beyond it, would exit at once at a loss.
 */
export function marketLegsProblem(req: OrderRequest, touch: { bid: Micros; ask: Micros }): Problem {
  if ((req.orderClass !== 'bracket' && req.orderClass !== 'oto') || req.type !== 'market') return null;
  const base = req.side === 'buy' ? touch.ask : touch.bid;
  const problem = exitPairProblem(
    opposite(req.side),
    req.takeProfit?.limitPrice ?? null,
    req.stopLoss?.stopPrice ?? null,
    base,
  );
  if (!problem) return null;
  const where = `${req.side === 'buy' ? 'the ask' : 'the bid'}, ${fmtPrice(base)}, that a market entry fills at`;
  return [
    problem[0],
    problem[0] === 'takeProfit.limitPrice' ? `must be beyond ${where}` : `must be short of ${where}`,
  ];
}

export interface NewLeg {
  role: LegRole;
  order: BrokerOrder;
}

/**
 * The child legs of a parent just placed: held for a bracket or OTO, working at once for an OCO.
 * `nextId` hands out the venue's order ids; a leg's client order id is the venue's own.
 */
export function childLegs(req: OrderRequest, parent: BrokerOrder, nextId: () => string): NewLeg[] {
  if (req.orderClass === 'simple') return [];
  const oco = req.orderClass === 'oco';
  const leg = (role: LegRole, o: Partial<BrokerOrder>): NewLeg => {
    const id = nextId();
    return {
      role,
      order: {
        ...parent,
        brokerOrderId: id,
        clientOrderId: `leg-${id}`,
        side: oco ? parent.side : opposite(parent.side),
        status: oco ? 'new' : 'held',
        parentBrokerOrderId: parent.brokerOrderId,
        limitPrice: null,
        stopPrice: null,
        trail: null,
        ...o,
      } as BrokerOrder,
    };
  };
  const out: NewLeg[] = [];
  if (req.takeProfit && !oco)
    out.push(leg('take_profit', { type: 'limit', limitPrice: req.takeProfit.limitPrice }));
  if (req.stopLoss)
    out.push(
      leg('stop_loss', {
        type: req.stopLoss.limitPrice === undefined ? 'stop' : 'stop_limit',
        stopPrice: req.stopLoss.stopPrice,
        limitPrice: req.stopLoss.limitPrice ?? null,
      }),
    );
  return out;
}

/** The parent's own role: an OCO's parent is its take-profit. */
export function parentRole(req: OrderRequest): LegRole | undefined {
  if (req.orderClass === 'simple') return undefined;
  return req.orderClass === 'oco' ? 'take_profit' : 'entry';
}
