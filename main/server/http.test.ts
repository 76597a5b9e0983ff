import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngine } from '../engine';
import { UI_CONTENT_SECURITY_POLICY } from '../platform/ui-files';
import type { Engine } from '../engine/types';
import { demoDataDir } from '../testing/fixtures';
import { serve, type RunningServer } from './http';

const TOKEN = 'test-token-0123456789abcdef';

// A server per test (not per file): mutation testing credits a test only with the code it runs
// itself, and server set-up is code under test.
describe('headless HTTP + WebSocket transport', () => {
  let data: ReturnType<typeof demoDataDir>;
  let engine: Engine;
  let server: RunningServer;
  beforeEach(async () => {
    data = demoDataDir();
    const staticDir = path.join(data.dir, 'ui');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Keel</title>');
    fs.writeFileSync(path.join(data.dir, 'secret.txt'), 'outside the UI folder');
    engine = await startEngine({ dataDir: data.dir, shell: 'headless' });
    server = await serve({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir });
  });
  afterEach(async () => {
    await server.close();
    await engine.close();
    data.cleanup();
  });

  const post = (
    channel: string,
    body: string | object,
    token: string | null = TOKEN,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${server.origin}/api/${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('prints a URL on the bound port with the token in the fragment', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('answers a channel with the same envelope as the engine', async () => {
    const res = await post('portfolio.summary', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await engine.dispatch('portfolio.summary', {}));
  });

  it('refuses every API call without the right token', async () => {
    for (const token of [null, 'wrong-token-0123456789abcdef', TOKEN.slice(0, -1)]) {
      const res = await post('app.info', {}, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('maps errors to HTTP statuses and changes nothing on bad input', async () => {
    expect((await post('settings.update', '{not json')).status).toBe(400);
    const bad = await post('settings.update', { theme: 'neon' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'theme' }] },
    });
    expect((await post('no.such', {})).status).toBe(404);
    expect((await post('portfolio.summary', { accountId: 'nope' })).status).toBe(404);
    expect(await (await post('settings.get', {})).json()).toEqual({
      ok: true,
      data: { theme: 'dark', simMarket: 'sessions' },
    });
    const get = await fetch(`${server.origin}/api/app.info`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(get.status).toBe(405);
  });

  it('refuses an oversized body', async () => {
    const res = await post('settings.update', JSON.stringify({ theme: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(await (await post('settings.get', {})).json()).toEqual({
      ok: true,
      data: { theme: 'dark', simMarket: 'sessions' },
    });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/app.info',
          method: 'POST',
          headers: { host: 'evil.example:80', authorization: `Bearer ${TOKEN}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the UI with security headers and never a file outside it', async () => {
    const index = await fetch(`${server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%00',
      '/index.html%00.js',
      '/%E0%A4%A',
      '//%00',
      '//%ZZ',
      '//secret.txt',
    ]) {
      const res = await fetch(`${server.origin}${p}`);
      expect(res.status, p).toBe(404);
    }
    // Targets fetch() would normalise, sent raw: never a 500, never a crash.
    for (const target of ['//%00', '//%ZZ', 'http://[', '*', '/api/../../secret.txt']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: server.port, path: target, method: 'GET' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect([400, 401, 404], target).toContain(status);
    }
    // Still serving after the hostile paths.
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
  });

  it('never follows a symbolic link in the UI folder', async () => {
    const staticDir = path.join(data.dir, 'ui');
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'ok');
    fs.symlinkSync(path.join(data.dir, 'secret.txt'), path.join(staticDir, 'linked.txt'));
    fs.symlinkSync(data.dir, path.join(staticDir, 'linked-dir'));
    fs.symlinkSync(path.join(staticDir, 'app.js'), path.join(staticDir, 'inside-link.js'));
    expect((await fetch(`${server.origin}/app.js`)).status).toBe(200);
    for (const p of ['/linked.txt', '/linked-dir/secret.txt', '/inside-link.js', '/linked-dir/']) {
      const res = await fetch(`${server.origin}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('outside the UI folder');
    }
  });

  it('refuses the event WebSocket without the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1']);
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });

  it('pushes the events a WebSocket subscribed to, without echoing the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1', `keel.token.${TOKEN}`]);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('keel.v1');
    const frames: unknown[] = [];
    ws.on('message', (m) => frames.push(JSON.parse(String(m))));
    // Nothing arrives before a subscription.
    await post('settings.update', { theme: 'light' });
    ws.send(JSON.stringify({ type: 'subscribe', topics: [{ event: 'settings.changed' }] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post('settings.update', { theme: 'dark' });
    await expect.poll(() => frames.length).toBe(1);
    expect(frames).toEqual([
      { event: 'settings.changed', payload: { theme: 'dark', simMarket: 'sessions' } },
    ]);
    ws.send(JSON.stringify({ type: 'unsubscribe', topics: [{ event: 'settings.changed' }] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post('settings.update', { theme: 'light' });
    await post('settings.update', { theme: 'dark' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frames).toHaveLength(1);
    ws.close();
  });

  it('accepts the Bearer scheme in any case (RFC 9110)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const res = await fetch(`${server.origin}/api/app.info`, {
        method: 'POST',
        headers: { authorization: `${scheme} ${TOKEN}` },
        body: '{}',
      });
      expect(res.status, scheme).toBe(200);
    }
    for (const header of [`Basic ${TOKEN}`, `Bearer${TOKEN}`, TOKEN, `Bearer ${TOKEN} extra`]) {
      const res = await fetch(`${server.origin}/api/app.info`, {
        method: 'POST',
        headers: { authorization: header },
        body: '{}',
      });
      expect(res.status, header).toBe(401);
    }
  });

  it('answers only its own page: a foreign Origin is refused on the API and the event stream', async () => {
    const foreign = await post('app.info', {}, TOKEN, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await post('app.info', {}, TOKEN, { origin: server.origin });
    expect(own.status).toBe(200);
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${server.port}`]) {
      const ws = new WebSocket(
        `ws://127.0.0.1:${server.port}/api/events`,
        ['keel.v1', `keel.token.${TOKEN}`],
        {
          origin,
        },
      );
      const status = await new Promise<number>((resolve) =>
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      );
      expect(status, origin).toBe(403);
    }
    const ok = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1', `keel.token.${TOKEN}`], {
      origin: server.origin,
    });
    await new Promise((resolve, reject) => {
      ok.once('open', resolve);
      ok.once('error', reject);
    });
    ok.close();
  });

  it('closes a WebSocket that sends something other than a topic message (1008)', async () => {
    for (const bad of ['not json', '{"type":"subscribe","topics":[{"event":"nope"}]}', '{"type":"shout"}']) {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, [
        'keel.v1',
        `keel.token.${TOKEN}`,
      ]);
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(bad);
      expect(await closed, bad).toBe(1008);
    }
  });

  it('answers JSON that is never cached, with the security headers', async () => {
    const res = await post('app.info', {});
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY);
  });

  it('takes an empty body as an empty request, and ignores a query string', async () => {
    expect((await post('settings.get', '')).status).toBe(200);
    const res = await fetch(`${server.origin}/api/settings.get?cache=bust`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await res.json()).toEqual({ ok: true, data: { theme: 'dark', simMarket: 'sessions' } });
  });

  it('says how to call the API when the method is wrong', async () => {
    const res = await fetch(`${server.origin}/api/app.info`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'Use POST /api/app.info with a JSON body.' },
    });
  });

  it('takes a body of exactly 1 MiB and refuses one byte more, closing the connection', async () => {
    const exact = '{}' + ' '.repeat(1024 * 1024 - 2);
    expect((await post('settings.get', exact)).status).toBe(200);
    const over = await post('settings.get', exact + ' ');
    expect(over.status).toBe(413);
    expect(over.headers.get('connection')).toBe('close');
    expect(await over.json()).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'The request body is larger than 1048576 bytes.' },
    });
  });

  it('explains a body that is not JSON', async () => {
    const res = await post('settings.update', '{not json');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^The request body must be JSON: /) },
    });
  });

  it('answers a Host header in another case, and explains a refused one', async () => {
    const request = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const r = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/app.info',
            method: 'POST',
            headers: { host, authorization: `Bearer ${TOKEN}` },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        r.on('error', reject);
        r.end('{}');
      });
    expect((await request(`LOCALHOST:${server.port}`)).status).toBe(200);
    const refused = await request('evil.example');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({
      ok: false,
      error: {
        code: 'unauthorized',
        message: 'This server answers only on its own address (Host header refused).',
      },
    });
  });

  it('explains a target that is not a path, and a refused Origin', async () => {
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const r = http.request(
        { host: '127.0.0.1', port: server.port, path: '*', method: 'OPTIONS' },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
        },
      );
      r.on('error', reject);
      r.end();
    });
    expect(status.code).toBe(400);
    expect(JSON.parse(status.body)).toMatchObject({
      error: { code: 'bad_request', message: 'Request targets must be paths such as /api/app.info.' },
    });
    const foreign = await post('app.info', {}, TOKEN, { origin: 'http://evil.example' });
    expect(await foreign.json()).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'The API answers only Keel’s own page (Origin refused).' },
    });
  });

  it('serves pages to GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${server.origin}/index.html`, { method });
      expect(res.status, method).toBe(405);
      expect(await res.json()).toMatchObject({
        error: { code: 'bad_request', message: 'Only GET for pages; the API is POST /api/<channel>.' },
      });
    }
    const head = await fetch(`${server.origin}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('<!doctype html><title>Keel</title>'.length));
    expect(await head.text()).toBe('');
  });

  it('never caches the page but keeps built assets forever, each with its type', async () => {
    const staticDir = path.join(data.dir, 'ui');
    fs.writeFileSync(path.join(staticDir, 'app-abc123.js'), 'export {};');
    const index = await fetch(`${server.origin}/`);
    expect(index.headers.get('cache-control')).toBe('no-store');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe('<!doctype html><title>Keel</title>');
    for (const p of ['/index.html', '//index.html']) {
      expect((await fetch(`${server.origin}${p}`)).headers.get('cache-control'), p).toBe('no-store');
    }
    const asset = await fetch(`${server.origin}/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe('export {};');
    const missing = await fetch(`${server.origin}/nope.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(missing.headers.get('x-frame-options')).toBe('DENY');
    expect(await missing.text()).toBe('Not found\n');
  });

  it('says the UI is not built when there is no page to serve', async () => {
    fs.rmSync(path.join(data.dir, 'ui', 'index.html'));
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toMatch(/The Keel UI is not built\. Run `npm run build`/);
    expect((await fetch(`${server.origin}/other.js`)).status).toBe(404);
  });

  it('closes promptly with a keep-alive connection open, telling event clients why', async () => {
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/', agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1', `keel.token.${TOKEN}`]);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (code, reason) => resolve([code, String(reason)])),
    );
    const t = Date.now();
    await server.close();
    await server.close();
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(await closed).toEqual([1001, 'server shutting down']);
    agent.destroy();
  });

  it('says which port is taken when it cannot listen', async () => {
    await expect(
      serve({
        engine,
        token: TOKEN,
        host: '127.0.0.1',
        port: server.port,
        staticDir: path.join(data.dir, 'ui'),
      }),
    ).rejects.toThrow(
      `Port ${server.port} on 127.0.0.1 is already in use. Pick another with --port, or --port 0 for any free port.`,
    );
  });
  it('closes a client that asks for more topics than it may hold, saying so', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1', `keel.token.${TOKEN}`]);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (c, r) => resolve([c, String(r)])),
    );
    for (let batch = 0; batch < 2; batch++) {
      const topics = Array.from({ length: 200 }, (_, i) => ({
        event: 'task.progress',
        key: `t${batch}-${i}`,
      }));
      ws.send(JSON.stringify({ type: 'subscribe', topics }));
    }
    const [code, reason] = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/At most 256 topics/);
  });
});
