import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrderRequest, type Capabilities, type Order, type Quote } from '../../../main/contract';
import { isLive } from '../../state/tradingStore';
import { replaceChanges } from './ReplaceForm';
import {
  confirmed,
  describeOrder,
  EMPTY_FORM,
  estimateValue,
  extendedHoursAllowed,
  fitForm,
  newClientOrderId,
  offered,
  ticketRequest,
  type TicketForm,
} from './ticket';

const FULL: Capabilities = {
  assetClasses: ['us_equity'],
  orderTypes: ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'],
  timeInForce: ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'],
  orderClasses: ['simple'],
  extendedHours: true,
  fractional: true,
  shortSelling: true,
  replace: true,
  preview: false,
};
/** A broker that takes less (as Tradier: no trailing stops, no IOC/FOK/OPG/CLS, no extended flag). */
const SMALL: Capabilities = {
  ...FULL,
  orderTypes: ['limit', 'stop', 'market'],
  timeInForce: ['gtc', 'day'],
  extendedHours: false,
};
const quote: Quote = {
  feed: 'sim',
  symbol: 'SPY',
  bid: '500.10',
  ask: '500.11',
  bidSize: 300,
  askSize: 500,
  at: '',
};
const form = (over: Partial<TicketForm>): TicketForm => ({ ...EMPTY_FORM, ...over });

describe('the order ticket offers what the account takes', () => {
  it('lists order types and times in force in the ticket’s order, only those the broker takes', () => {
    expect(offered(SMALL)).toMatchObject({ types: ['market', 'limit', 'stop'], tifs: ['day', 'gtc'] });
    expect(offered(FULL).types).toEqual(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']);
  });

  it('falls back to the first offer when an account does not take the form’s type or time in force', () => {
    const fitted = fitForm(form({ type: 'trailing_stop', tif: 'ioc', extendedHours: true }), SMALL);
    expect(fitted).toMatchObject({ type: 'market', tif: 'day', extendedHours: false });
    // What it takes is kept.
    expect(fitForm(form({ type: 'stop', tif: 'gtc' }), SMALL)).toMatchObject({ type: 'stop', tif: 'gtc' });
  });

  it('offers extended hours only for a day limit order at a broker that trades them', () => {
    expect(extendedHoursAllowed(FULL, form({ type: 'limit', tif: 'day' }))).toBe(true);
    expect(extendedHoursAllowed(FULL, form({ type: 'limit', tif: 'gtc' }))).toBe(false);
    expect(extendedHoursAllowed(FULL, form({ type: 'market', tif: 'day' }))).toBe(false);
    expect(extendedHoursAllowed(SMALL, form({ type: 'limit', tif: 'day' }))).toBe(false);
    expect(fitForm(form({ type: 'limit', tif: 'gtc', extendedHours: true }), FULL).extendedHours).toBe(false);
  });
});

describe('the request the ticket sends', () => {
  it('carries exactly the prices its type needs, and passes the contract', () => {
    const cases: [Partial<TicketForm>, Record<string, string | undefined>][] = [
      [{ type: 'market' }, {}],
      [{ type: 'limit', limit: ' 499.5 ' }, { limitPrice: '499.5' }],
      [{ type: 'stop', stop: '480' }, { stopPrice: '480' }],
      [
        { type: 'stop_limit', stop: '480', limit: '479.5' },
        { stopPrice: '480', limitPrice: '479.5' },
      ],
      [{ type: 'trailing_stop', trail: '1.5', trailKind: 'percent' }, { trailPercent: '1.5' }],
      [{ type: 'trailing_stop', trail: '2', trailKind: 'price' }, { trailPrice: '2' }],
    ];
    for (const [over, prices] of cases) {
      const req = ticketRequest(
        form({ symbol: 'spy ', qty: ' 10 ', limit: '1', stop: '1', trail: '1', ...over }),
        'demo',
      );
      const { accountId, symbol, qty, limitPrice, stopPrice, trailPrice, trailPercent } = req;
      expect({ accountId, symbol, qty }).toEqual({ accountId: 'demo', symbol: 'SPY', qty: '10' });
      expect(
        Object.fromEntries(
          Object.entries({ limitPrice, stopPrice, trailPrice, trailPercent }).filter(
            ([, v]) => v !== undefined,
          ),
        ),
      ).toEqual(prices);
      expect(OrderRequest.safeParse(req).success, JSON.stringify(req)).toBe(true);
    }
  });

  it('estimates a buy at the ask, a sell at the bid, a limit order at its limit', () => {
    expect(estimateValue(form({ qty: '10' }), quote)).toBe('5001.1');
    expect(estimateValue(form({ qty: '10', side: 'sell' }), quote)).toBe('5001');
    expect(estimateValue(form({ qty: '3', type: 'limit', limit: '499.99' }), quote)).toBe('1499.97');
    expect(estimateValue(form({ qty: '' }), quote)).toBeNull();
    expect(estimateValue(form({ qty: '1' }), undefined)).toBeNull();
  });
});

describe('order classes and options on the ticket', () => {
  const CLASSES: Capabilities = {
    ...FULL,
    assetClasses: ['us_equity', 'us_option'],
    orderClasses: ['simple', 'bracket', 'oto', 'oco'],
  };

  it('offers classes only where the broker takes them, and none for options', () => {
    expect(offered(FULL).classes).toEqual(['simple']);
    expect(offered(CLASSES).classes).toEqual(['simple', 'bracket', 'oto', 'oco']);
    expect(offered(CLASSES, { assetClass: 'us_option', orderClass: 'simple' }).classes).toEqual(['simple']);
    expect(offered(CLASSES).assets).toEqual(['us_equity', 'us_option']);
    expect(offered(FULL).assets).toEqual(['us_equity']);
  });

  it('narrows types and times in force for orders with legs: day or GTC, no trailing stop, OCO a limit', () => {
    const bracket = offered(CLASSES, { assetClass: 'us_equity', orderClass: 'bracket' });
    expect(bracket.tifs).toEqual(['day', 'gtc']);
    expect(bracket.types).toEqual(['market', 'limit', 'stop', 'stop_limit']);
    expect(offered(CLASSES, { assetClass: 'us_equity', orderClass: 'oco' }).types).toEqual(['limit']);
    const fitted = fitForm(form({ orderClass: 'oco', type: 'market', tif: 'ioc' }), CLASSES);
    expect(fitted).toMatchObject({ orderClass: 'oco', type: 'limit', tif: 'day' });
    // An option drops a class it cannot take.
    expect(fitForm(form({ assetClass: 'us_option', orderClass: 'bracket' }), CLASSES).orderClass).toBe(
      'simple',
    );
    // A broker without options puts the ticket back on stocks.
    expect(fitForm(form({ assetClass: 'us_option' }), FULL).assetClass).toBe('us_equity');
  });

  it('sends a bracket’s, an OTO’s and an OCO’s legs as the contract takes them', () => {
    const base = { qty: '10', type: 'limit' as const, limit: '500', takeProfit: '520', stopLoss: '480' };
    const bracket = ticketRequest(fitForm(form({ ...base, orderClass: 'bracket' }), CLASSES), 'demo');
    expect(bracket).toMatchObject({
      orderClass: 'bracket',
      limitPrice: '500',
      takeProfit: { limitPrice: '520' },
      stopLoss: { stopPrice: '480' },
    });
    expect(OrderRequest.safeParse(bracket).success).toBe(true);
    const withLimit = ticketRequest(form({ ...base, orderClass: 'bracket', stopLossLimit: '479' }), null);
    expect(withLimit.stopLoss).toEqual({ stopPrice: '480', limitPrice: '479' });
    const otoTp = ticketRequest(form({ ...base, orderClass: 'oto' }), null);
    expect([otoTp.takeProfit, otoTp.stopLoss]).toEqual([{ limitPrice: '520' }, undefined]);
    const otoSl = ticketRequest(form({ ...base, orderClass: 'oto', takeProfit: '' }), null);
    expect([otoSl.takeProfit, otoSl.stopLoss]).toEqual([undefined, { stopPrice: '480' }]);
    expect(OrderRequest.safeParse(otoSl).success).toBe(true);
    const oco = ticketRequest(fitForm(form({ ...base, side: 'sell', orderClass: 'oco' }), CLASSES), null);
    expect(oco).toMatchObject({
      type: 'limit',
      takeProfit: { limitPrice: '520' },
      stopLoss: { stopPrice: '480' },
    });
    expect(oco.limitPrice).toBeUndefined();
    expect(OrderRequest.safeParse(oco).success, JSON.stringify(OrderRequest.safeParse(oco).error)).toBe(true);
    expect(describeOrder(oco)).toBe('Sell 10 SPY exits (oco: take-profit 520, stop-loss 480), DAY');
  });

  it('sends an option with its position intent, and estimates it at 100 shares a contract', () => {
    const f = form({
      assetClass: 'us_option',
      symbol: 'SPY261218P00481000',
      qty: '2',
      side: 'buy',
      intent: 'open',
    });
    const req = ticketRequest(f, null);
    expect(req).toMatchObject({
      assetClass: 'us_option',
      positionIntent: 'buy_to_open',
      orderClass: 'simple',
    });
    expect(OrderRequest.safeParse(req).success).toBe(true);
    const close = ticketRequest({ ...f, side: 'sell', intent: 'close' }, null);
    expect(close.positionIntent).toBe('sell_to_close');
    const optionQuote = { ...quote, symbol: 'SPY261218P00481000', bid: '4.10', ask: '4.15' };
    expect(estimateValue(f, optionQuote)).toBe('830');
    expect(describeOrder(req)).toBe('Buy to open 2 contracts SPY261218P00481000 at market, DAY');
  });
});

describe('the client order id of a ticket', () => {
  it('is one the contract takes, and differs from one order to the next', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const a = newClientOrderId(1_700_000_000_000, random);
    const b = newClientOrderId(1_700_000_000_000, random);
    expect(a).not.toBe(b);
    for (const id of [a, b, newClientOrderId()]) {
      expect(id).toMatch(/^t-[a-z0-9]+-[a-z0-9]{10}$/);
      expect(
        OrderRequest.safeParse({ symbol: 'SPY', side: 'buy', type: 'market', qty: '1', clientOrderId: id })
          .success,
      ).toBe(true);
    }
  });
});

describe('the typed confirmation of a live order', () => {
  const req = ticketRequest(form({ symbol: 'AAPL', qty: '5', type: 'limit', limit: '170' }), 'live-1');

  it('confirms only the order’s own symbol, typed exactly (spaces around are forgiven)', () => {
    expect(confirmed(req, 'AAPL')).toBe(true);
    expect(confirmed(req, ' AAPL ')).toBe(true);
    for (const wrong of ['', 'AAP', 'AAPLL', 'SPY', 'aapl', 'LIVE', 'yes'])
      expect(confirmed(req, wrong), wrong).toBe(false);
    fc.assert(fc.property(fc.string(), (typed) => confirmed(req, typed) === (typed.trim() === 'AAPL')));
  });

  it('says what will be sent', () => {
    expect(describeOrder(req)).toBe('Buy 5 AAPL limit 170, DAY');
    expect(describeOrder(ticketRequest(form({ side: 'sell', qty: '2', tif: 'gtc' }), null))).toBe(
      'Sell 2 SPY at market, GTC',
    );
    expect(
      describeOrder(ticketRequest(form({ type: 'limit', limit: '10', qty: '1', extendedHours: true }), null)),
    ).toBe('Buy 1 SPY limit 10, DAY, extended hours');
    expect(
      describeOrder(ticketRequest(form({ type: 'trailing_stop', trail: '2', qty: '1', side: 'sell' }), null)),
    ).toBe('Sell 1 SPY trailing 2%, DAY');
  });
});

describe('a replace from the blotter', () => {
  const order = {
    qty: '10',
    filledQty: '4',
    limitPrice: '100.5',
    stopPrice: null,
  } as unknown as Order;

  it('sends only what changed: the quantity left, the prices', () => {
    expect(replaceChanges(order, { qty: '6', limit: '100.50', stop: '' })).toEqual({});
    expect(replaceChanges(order, { qty: '5', limit: '100.5', stop: '' })).toEqual({ qty: '5' });
    expect(replaceChanges(order, { qty: '6', limit: '101', stop: '' })).toEqual({ limitPrice: '101' });
    expect(replaceChanges(order, { qty: '', limit: '', stop: '' })).toEqual({});
    expect(replaceChanges(order, { qty: '6', limit: '100.5', stop: '99' })).toEqual({ stopPrice: '99' });
  });
});

describe('what counts as live', () => {
  const account = (mode: 'demo' | 'paper' | 'live', live: boolean | null) =>
    ({
      id: 'a',
      name: 'A',
      broker: 'alpaca',
      mode,
      currency: 'USD',
      active: true,
      trading: live === null ? null : { live, quoteFeed: 'alpaca', capabilities: FULL },
    }) as const;

  it('is a live broker connection, or an account kept as live, whichever says so', () => {
    expect(isLive(account('paper', true))).toBe(true);
    expect(isLive(account('live', false))).toBe(true);
    expect(isLive(account('live', null))).toBe(true);
    expect(isLive(account('paper', false))).toBe(false);
    expect(isLive(account('demo', null))).toBe(false);
  });
});
