import { afterEach, describe, expect, it } from 'vitest';
import type { Account, AppInfo, Order, Settings } from '../contract';
import type { EventFrame } from '../contract/http';
import { ManualClock } from '../core/testing/manual-clock';
import { simTrading, type SimTradingOptions } from '../brokers/sim/setup';
import { SIM_CAPABILITIES } from '../brokers/sim/broker';
import { startEngine } from '../engine';
import type { Engine, TradingFactory } from '../engine/types';
import { openDb } from '../store/db';
import { demoDataDir } from '../testing/fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Saturday 7 November 2026, noon in New York: the real market is shut. */
const SATURDAY_NOON = Date.UTC(2026, 10, 7, 17, 0);

async function start(trading: SimTradingOptions | null, at = SATURDAY_NOON, before?: (dir: string) => void) {
  const d = demoDataDir();
  before?.(d.dir);
  const clock = new ManualClock(at);
  const engine = await startEngine({
    dataDir: d.dir,
    shell: 'headless',
    clock,
    ...(trading ? { trading: simTrading(trading) } : {}),
  });
  cleanups.push(d.cleanup, () => engine.close());
  const frames: EventFrame[] = [];
  engine
    .openEvents((f) => frames.push(f))
    .subscribe([
      { event: 'order.updated', key: 'demo' },
      { event: 'positions.changed', key: 'demo' },
      { event: 'settings.changed' },
      { event: 'accounts.changed' },
    ]);
  return { engine, clock, frames };
}

async function data<T>(engine: Engine, channel: string, request: unknown = {}): Promise<T> {
  const r = await engine.dispatch(channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

describe('accounts as the Trading page sees them', () => {
  it('lists the demo account as traded through the simulated broker, not live, with what it takes', async () => {
    const { engine } = await start({});
    const [demo] = await data<Account[]>(engine, 'accounts.list');
    expect(demo).toMatchObject({ id: 'demo', broker: 'simulated', mode: 'demo' });
    expect(demo!.trading).toEqual({
      live: false,
      quoteFeed: 'sim',
      capabilities: {
        assetClasses: SIM_CAPABILITIES.assetClasses.filter((a) => a !== 'crypto'),
        orderTypes: [...SIM_CAPABILITIES.orderTypes],
        timeInForce: [...SIM_CAPABILITIES.timeInForce],
        orderClasses: [...SIM_CAPABILITIES.orderClasses],
        extendedHours: SIM_CAPABILITIES.extendedHours,
        fractional: SIM_CAPABILITIES.fractional,
        shortSelling: SIM_CAPABILITIES.shortSelling,
        replace: SIM_CAPABILITIES.replace,
        preview: SIM_CAPABILITIES.preview,
      },
    });
  });

  it('shows an account with no broker connected as not tradable, and no simulated market', async () => {
    const { engine } = await start(null);
    const [demo] = await data<Account[]>(engine, 'accounts.list');
    expect(demo!.trading).toBeNull();
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBeNull();
    // The hours can still be saved for when a simulated market runs.
    expect(await data<Settings>(engine, 'settings.update', { simMarket: 'always' })).toMatchObject({
      simMarket: 'always',
    });
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBeNull();
  });
});

describe('the active account', () => {
  /** A second account, of a broker not connected here. */
  const addPaperAccount = (dir: string) => {
    const db = openDb(dir);
    try {
      db.prepare(
        `INSERT INTO accounts (id, name, broker, mode, currency, is_active, created_at)
         VALUES ('paper-1', 'Alpaca paper', 'alpaca', 'paper', 'USD', 0, 1)`,
      ).run();
    } finally {
      db.close();
    }
  };

  it('switches in one step, announces the accounts, and every page follows it', async () => {
    const { engine, frames } = await start({}, SATURDAY_NOON, addPaperAccount);
    expect((await data<AppInfo>(engine, 'app.info')).demo).toBe(true);
    const after = await data<Account[]>(engine, 'accounts.activate', { accountId: 'paper-1' });
    expect(after.map((a) => [a.id, a.active, a.trading === null])).toEqual([
      ['paper-1', true, true],
      ['demo', false, false],
    ]);
    expect(frames).toContainEqual({ event: 'accounts.changed', payload: after });
    expect(await data<Account[]>(engine, 'accounts.list')).toEqual(after);
    // The pages that show the active account now show the paper account.
    expect((await data<AppInfo>(engine, 'app.info')).demo).toBe(false);
    expect((await data<{ account: Account }>(engine, 'portfolio.summary')).account.id).toBe('paper-1');
    // And back.
    const back = await data<Account[]>(engine, 'accounts.activate', { accountId: 'demo' });
    expect(back.filter((a) => a.active).map((a) => a.id)).toEqual(['demo']);
  });

  it('refuses an account that does not exist, and changes nothing', async () => {
    const { engine, frames } = await start({}, SATURDAY_NOON, addPaperAccount);
    const r = await engine.dispatch('accounts.activate', { accountId: 'nope' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/"nope"/) },
    });
    const accounts = await data<Account[]>(engine, 'accounts.list');
    expect(accounts.filter((a) => a.active).map((a) => a.id)).toEqual(['demo']);
    expect(frames.some((f) => f.event === 'accounts.changed')).toBe(false);
  });
});

describe('the simulated market’s hours', () => {
  it('follows Settings: shut on a Saturday, then open at once when switched to always, and saved', async () => {
    const { engine, clock, frames } = await start({});
    await data<Account[]>(engine, 'accounts.list'); // trading has started
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBe('sessions');

    const order = await data<Order>(engine, 'orders.place', {
      symbol: 'SPY',
      side: 'buy',
      type: 'market',
      qty: '2',
      timeInForce: 'gtc',
    });
    await clock.advanceAsync(5_000, 250);
    // The market is closed: the order waits.
    expect((await data<Order[]>(engine, 'orders.list', { status: 'open' })).map((o) => o.id)).toEqual([
      order.id,
    ]);
    expect(frames.some((f) => f.event === 'positions.changed')).toBe(false);

    const saved = await data<Settings>(engine, 'settings.update', { simMarket: 'always' });
    expect(saved.simMarket).toBe('always');
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBe('always');
    expect(frames).toContainEqual({ event: 'settings.changed', payload: saved });
    await expect
      .poll(
        async () => {
          await clock.advanceAsync(1_000, 250);
          return (await data<Order[]>(engine, 'orders.list', { status: 'closed', limit: 5 })).find(
            (o) => o.id === order.id,
          )?.status;
        },
        { timeout: 10_000 },
      )
      .toBe('filled');
    // The fill moved the position, and the whole list was pushed for the account.
    const pushed = frames.filter((f) => f.event === 'positions.changed');
    expect(pushed.length).toBeGreaterThan(0);
    const last = pushed.at(-1)!;
    expect(last.key).toBe('demo');
    const listed = await data<unknown[]>(engine, 'positions.list');
    expect((last.payload as { positions: unknown[] }).positions).toEqual(listed);
    expect((await data<Settings>(engine, 'settings.get')).simMarket).toBe('always');
  });

  it('keeps the hours asked for on the command line for the run, until Settings changes them', async () => {
    const { engine } = await start({ mode: 'always' });
    await data<Account[]>(engine, 'accounts.list');
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBe('always');
    // The saved preference is untouched by the command line.
    expect((await data<Settings>(engine, 'settings.get')).simMarket).toBe('sessions');
    // Saving another setting leaves the run's hours alone (it must not close the market).
    await data<Settings>(engine, 'settings.update', { theme: 'light' });
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBe('always');
    await data<Settings>(engine, 'settings.update', { simMarket: 'sessions' });
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBe('sessions');
    // Another setting saved leaves the hours alone.
    await data<Settings>(engine, 'settings.update', { theme: 'light' });
    expect((await data<AppInfo>(engine, 'app.info')).simMarket).toBe('sessions');
  });

  it('refuses hours it does not know, naming the field, and changes nothing', async () => {
    const { engine } = await start({});
    const r = await engine.dispatch('settings.update', { simMarket: 'weekends' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'simMarket' }] } });
    expect((await data<Settings>(engine, 'settings.get')).simMarket).toBe('sessions');
  });
});

describe('placing an order again, and orders to a live account', () => {
  it('answers a placement sent again with its client order id with the first order, never a second', async () => {
    const { engine } = await start({ mode: 'always' });
    const req = { clientOrderId: 'ticket-retry-1', symbol: 'SPY', side: 'buy', type: 'market', qty: '2' };
    const first = await data<Order>(engine, 'orders.place', req);
    const again = await data<Order>(engine, 'orders.place', req);
    expect(again.id).toBe(first.id);
    const orders = await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 500 });
    expect(orders.filter((o) => o.clientOrderId === 'ticket-retry-1')).toHaveLength(1);
    // The same id for a different order is refused, and records nothing.
    const other = await engine.dispatch('orders.place', { ...req, qty: '3' });
    expect(other).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/ticket-retry-1/) },
    });
    const after = await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 500 });
    expect(after).toHaveLength(orders.length);
  });

  it('refuses an order to a live account that does not name the account', async () => {
    // The simulated broker stood in for a live one: only its `live` flag differs.
    const live: TradingFactory = Object.assign(
      async (ctx: Parameters<TradingFactory>[0]) => {
        const setup = await simTrading({ mode: 'always' })(ctx);
        return {
          ...setup,
          brokers: setup.brokers.map(
            (b) => new Proxy(b, { get: (t, p) => (p === 'live' ? true : Reflect.get(t, p, t)) }),
          ),
        };
      },
      { simMarket: { override: 'always' as const } },
    );
    const d = demoDataDir();
    const engine = await startEngine({ dataDir: d.dir, shell: 'headless', trading: live });
    cleanups.push(d.cleanup, () => engine.close());
    const [demo] = await data<Account[]>(engine, 'accounts.list');
    expect(demo!.trading!.live).toBe(true);
    const before = (await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 500 })).length;
    const r = await engine.dispatch('orders.place', { symbol: 'SPY', side: 'buy', type: 'market', qty: '1' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/real money: name it/) },
    });
    expect(await data<Order[]>(engine, 'orders.list', { status: 'all', limit: 500 })).toHaveLength(before);
    const named = await data<Order>(engine, 'orders.place', {
      accountId: 'demo',
      symbol: 'SPY',
      side: 'buy',
      type: 'market',
      qty: '1',
    });
    expect(named.status).toBe('filled');
  });
});
