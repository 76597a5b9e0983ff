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

  it('refuses the event WebSocket without the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1']);
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });

  it('pushes engine events to an authorized WebSocket without echoing the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, ['keel.v1', `keel.token.${TOKEN}`]);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('keel.v1');
    const frame = new Promise<unknown>((resolve) =>
      ws.once('message', (m) => resolve(JSON.parse(String(m)))),
    );
    await post('settings.update', { theme: 'light' });
    expect(await frame).toEqual({ event: 'settings.changed', payload: { theme: 'light' } });
    ws.close();
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
