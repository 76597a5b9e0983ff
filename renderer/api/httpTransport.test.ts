import { describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from './httpTransport';

const noEvents = { subscribe: () => () => {} };

function respond(status: number, body: string) {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(body, { status }));
}

describe('createHttpTransport', () => {
  it('POSTs the request to /api/<channel> with the bearer token', async () => {
    const fetch = respond(200, JSON.stringify({ ok: true, data: { theme: 'dark' } }));
    const t = createHttpTransport({ token: 'tok', events: noEvents, fetch });
    await expect(t.invoke('settings.update', { theme: 'dark' })).resolves.toEqual({
      ok: true,
      data: { theme: 'dark' },
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/settings.update');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer tok' });
    expect(init?.body).toBe('{"theme":"dark"}');
  });

  it('passes error envelopes through unchanged', async () => {
    const error = { code: 'bad_request', message: 'no', issues: [{ path: 'theme', message: 'bad' }] };
    const t = createHttpTransport({
      token: 't',
      events: noEvents,
      fetch: respond(400, JSON.stringify({ ok: false, error })),
    });
    await expect(t.invoke('settings.update', {})).resolves.toEqual({ ok: false, error });
  });

  it('turns a network failure into an unavailable envelope', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const t = createHttpTransport({ token: 't', events: noEvents, fetch });
    const env = await t.invoke('app.info', {});
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('unavailable');
      expect(env.error.message).toContain('Failed to fetch');
      expect(env.error.message).toContain('keel serve');
    }
  });

  it('turns a non-JSON answer into an unavailable envelope', async () => {
    const t = createHttpTransport({
      token: 't',
      events: noEvents,
      fetch: respond(502, '<html>Bad gateway</html>'),
    });
    const env = await t.invoke('app.info', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!env.ok) expect(env.error.message).toContain('HTTP 502');
  });

  it('reports a 401 as unauthorized, with or without an envelope', async () => {
    const onUnauthorized = vi.fn();
    const bare = createHttpTransport({
      token: 't',
      events: noEvents,
      fetch: respond(401, ''),
      onUnauthorized,
    });
    await expect(bare.invoke('app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    const body = JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'bad token' } });
    const enveloped = createHttpTransport({
      token: 't',
      events: noEvents,
      fetch: respond(401, body),
      onUnauthorized,
    });
    await expect(enveloped.invoke('app.info', {})).resolves.toMatchObject({
      error: { message: 'bad token' },
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(2);
  });
});
