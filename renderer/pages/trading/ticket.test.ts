import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrderRequest, type Capabilities, type Order, type Quote } from '../../../main/contract';
import { replaceChanges } from './ReplaceForm';
import {
  confirmed,
  describeOrder,
  EMPTY_FORM,
  estimateValue,
  extendedHoursAllowed,
  fitForm,
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
    expect(offered(SMALL)).toEqual({ types: ['market', 'limit', 'stop'], tifs: ['day', 'gtc'] });
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
