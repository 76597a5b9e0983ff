import { describe, expect, it } from 'vitest';
import { EngineError } from '../core/errors';
import type { HandlerTable } from '../core/handler';
import { createDispatcher } from './dispatch';

const good: HandlerTable = {
  'app.info': () => ({
    name: 'Keel',
    version: '1',
    shell: 'headless',
    dataDir: '/d',
    schemaVersion: 6,
    demo: false,
    demoAsOf: null,
    startup: null,
    simMarket: null,
  }),
  'accounts.list': () => [],
  'accounts.activate': () => [],
  'portfolio.summary': () => {
    throw new Error('not used');
  },
  'settings.get': () => ({ theme: 'dark', simMarket: 'sessions' }),
  'settings.update': (patch) => ({ theme: patch.theme ?? 'dark', simMarket: patch.simMarket ?? 'sessions' }),
  'tasks.list': () => [],
  'tasks.cancel': () => ({ cancelled: false }),
  'orders.place': () => {
    throw new Error('not used');
  },
  'orders.cancel': () => {
    throw new Error('not used');
  },
  'orders.list': () => [],
  'fills.list': () => [],
  'positions.list': () => [],
  'quotes.latest': () => [],
  'orders.replace': () => {
    throw new Error('not used');
  },
  'quotes.subscribe': () => [],
  'account.balances': () => {
    throw new Error('not used');
  },
};

function dispatcher(over: Partial<HandlerTable> = {}) {
  const logs: string[] = [];
  const dispatch = createDispatcher({ ...good, ...over } as HandlerTable, (l) => logs.push(l));
  return { dispatch, logs };
}

describe('dispatch', () => {
  it('answers with the handler’s data, parsed by the response schema', async () => {
    const { dispatch } = dispatcher({
      'settings.get': () =>
        ({ theme: 'light', simMarket: 'sessions', extra: 'stripped by the schema' }) as never,
    });
    expect(await dispatch('settings.get', {})).toEqual({
      ok: true,
      data: { theme: 'light', simMarket: 'sessions' },
    });
  });

  it('checks a shared answer once: callers of one shared query get the very same checked data', async () => {
    const shared = { theme: 'light' as const, simMarket: 'sessions' as const };
    let next: object = shared;
    const { dispatch } = dispatcher({ 'settings.get': () => next as never });
    const a = await dispatch('settings.get', {});
    const b = await dispatch('settings.get', {});
    expect(a).toEqual({ ok: true, data: { theme: 'light', simMarket: 'sessions' } });
    expect(a.ok && b.ok && a.data === b.data).toBe(true);
    // A fresh answer is checked afresh: a broken one is still caught.
    next = { theme: 'neon' };
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    // The same object on another channel is checked against that channel's schema.
    const { dispatch: d2 } = dispatcher({
      'settings.get': () => shared,
      'settings.update': () => shared as never,
    });
    const viaGet = await d2('settings.get', {});
    const viaUpdate = await d2('settings.update', {});
    expect(viaGet.ok && viaUpdate.ok && viaGet.data !== viaUpdate.data).toBe(true);
  });

  it('never lets an answer that breaks the contract through: internal error, logged', async () => {
    const { dispatch, logs } = dispatcher({ 'settings.get': () => ({ theme: 'neon' }) as never });
    expect(await dispatch('settings.get', {})).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'The engine produced an invalid answer for settings.get. This is a bug in Keel; please report it.',
      },
    });
    expect(logs.join('\n')).toMatch(/contract violation in response of settings\.get/);
  });

  it('passes an EngineError on with its own code and message, without logging it', async () => {
    const { dispatch, logs } = dispatcher({
      'accounts.list': () => {
        throw new EngineError('busy', 'try later');
      },
    });
    expect(await dispatch('accounts.list', {})).toEqual({
      ok: false,
      error: { code: 'busy', message: 'try later' },
    });
    expect(logs).toEqual([]);
  });

  it('turns any other failure into an internal error that says what failed, and logs its stack', async () => {
    const { dispatch, logs } = dispatcher({
      'accounts.list': async () => {
        throw new TypeError('x is undefined');
      },
    });
    expect(await dispatch('accounts.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'accounts.list failed: x is undefined' },
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^handler accounts\.list failed: TypeError: x is undefined\n\s+at /);
  });

  it('reports a thrown non-Error too', async () => {
    const { dispatch } = dispatcher({
      'accounts.list': () => {
        throw 'a string';
      },
    });
    expect(await dispatch('accounts.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'accounts.list failed: a string' },
    });
  });

  it('refuses an unknown channel, listing the known ones', async () => {
    const { dispatch } = dispatcher();
    const r = await dispatch('nope', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(!r.ok && r.error.message).toMatch(/no channel "nope"\. Known channels: app\.info, accounts\.list/);
  });

  it('refuses a bad request with every issue, and never calls the handler', async () => {
    let called = false;
    const { dispatch } = dispatcher({
      'settings.update': () => {
        called = true;
        return { theme: 'dark', simMarket: 'sessions' };
      },
    });
    const r = await dispatch('settings.update', { theme: 'neon', extra: 1 });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        message: expect.stringMatching(/^Invalid request for settings\.update: /),
        issues: expect.arrayContaining([expect.objectContaining({ path: 'theme' })]),
      },
    });
    // Every issue, each with where it is: the field, or the request as a whole.
    expect((r as { error: { message: string } }).error.message).toMatch(
      /^Invalid request for settings\.update: theme: [^;]+; \(request\): Unrecognized key: "extra"$/,
    );
    expect(called).toBe(false);
    expect(await dispatch('app.info', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/\(request\): /) },
    });
  });

  it('treats a missing request as an empty object', async () => {
    const { dispatch } = dispatcher();
    expect(await dispatch('settings.get', undefined)).toEqual({
      ok: true,
      data: { theme: 'dark', simMarket: 'sessions' },
    });
    expect(await dispatch('settings.get', null)).toEqual({
      ok: true,
      data: { theme: 'dark', simMarket: 'sessions' },
    });
  });

  it('hands the caller’s signal to the handler, and a signal that never aborts otherwise', async () => {
    const seen: AbortSignal[] = [];
    const { dispatch } = dispatcher({
      'settings.get': (_req, ctx) => {
        seen.push(ctx.signal);
        return { theme: 'dark', simMarket: 'sessions' };
      },
    });
    const caller = new AbortController();
    await dispatch('settings.get', {}, { signal: caller.signal });
    await dispatch('settings.get', {});
    expect(seen[0]).toBe(caller.signal);
    expect(seen[1]).toBeInstanceOf(AbortSignal);
    expect(seen[1]!.aborted).toBe(false);
  });
});
