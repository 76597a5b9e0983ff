import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngine } from '../engine';
import { UI_CONTENT_SECURITY_POLICY } from '../platform/ui-files';
import type { Engine } from '../engine/types';
import { demoDataDir } from '../testing/fixtures';
import os from 'node:os';
import { hostNames, serve, type RunningServer } from './http';

const TOKEN = 'test-token-0123456789abcdef';

describe('headless HTTP + WebSocket transport', () => {
  let data: ReturnType<typeof demoDataDir>;
  let engine: Engine;
  let server: RunningServer;
  beforeAll(async () => {
    data = demoDataDir();
    const staticDir = path.join(data.dir, 'ui');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Keel</title>');
    fs.writeFileSync(path.join(data.dir, 'secret.txt'), 'outside the UI folder');
    engine = await startEngine({ dataDir: data.dir, shell: 'headless' });
    server = await serve({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir });
  });
  afterAll(async () => {
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
    expect(await (await post('settings.get', {})).json()).toEqual({ ok: true, data: { theme: 'dark' } });
    const get = await fetch(`${server.origin}/api/app.info`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(get.status).toBe(405);
  });

  it('refuses an oversized body', async () => {
    const res = await post('settings.update', JSON.stringify({ theme: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(await (await post('settings.get', {})).json()).toEqual({ ok: true, data: { theme: 'dark' } });
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
    expect(frames).toEqual([{ event: 'settings.changed', payload: { theme: 'dark' } }]);
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
});

describe('Host names a server answers to', () => {
  it('are loopback and the bound address when bound to one address', () => {
    expect(hostNames('127.0.0.1').sort()).toEqual(['127.0.0.1', '[::1]', 'localhost'].sort());
    expect(hostNames('::1')).toContain('[::1]');
  });

  it('include this machine’s own addresses and name when bound to every interface, and nothing else', () => {
    const names = hostNames('0.0.0.0');
    expect(names).toContain(os.hostname());
    const anyAddress = Object.values(os.networkInterfaces()).flat()[0]!.address;
    expect(names.some((n) => n.replace(/[[\]]/g, '') === anyAddress.split('%')[0])).toBe(true);
    expect(names).not.toContain('evil.example');
  });
});
