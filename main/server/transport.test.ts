// The headless transport's own behaviour, against a stand-in engine: statuses, cancellation when
// the client goes away, and what happens to an event client that stops reading.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { failure } from '../contract/envelope';
import { ErrorCode } from '../contract/errors';
import { ManualClock } from '../core/testing/manual-clock';
import { FakeEngine } from '../testing/fake-engine';
import { STATUS } from './api';
import { DRAIN_MS, serve, type RunningServer } from './http';

const TOKEN = 'transport-token-0123456789abcdef';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(over: { maxBufferedBytes?: number } = {}) {
  const engine = new FakeEngine();
  const ui = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-ui-'));
  const logs: string[] = [];
  const server: RunningServer = await serve({
    engine,
    token: TOKEN,
    host: '127.0.0.1',
    port: 0,
    staticDir: ui,
    log: (l) => logs.push(l),
    ...over,
  });
  cleanups.push(
    () => fs.rmSync(ui, { recursive: true, force: true }),
    () => server.close(),
  );
  return { engine, server, logs };
}

const call = (server: RunningServer, channel: string) =>
  fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
    body: '{}',
  });

describe('API statuses', () => {
  it.each([
    ['busy', 503],
    ['timeout', 504],
    ['cancelled', 499],
    ['unavailable', 503],
    ['conflict', 409],
    ['internal', 500],
    ['not_found', 404],
    ['bad_request', 400],
    ['rejected', 422],
  ] as const)('%s answers HTTP %i with the envelope', async (code, status) => {
    const { engine, server } = await start();
    engine.reply = failure(code, `it was ${code}`);
    const res = await call(server, 'app.info');
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ ok: false, error: { code, message: `it was ${code}` } });
    expect(res.headers.get('retry-after')).toBe(code === 'busy' ? '1' : null);
  });

  it('maps every error code of the contract', () => {
    for (const code of ErrorCode.options) expect(STATUS[code], code).toBeGreaterThanOrEqual(400);
  });
});

describe('answers', () => {
  it('are any JSON the engine gives, objects or not', async () => {
    const { engine, server } = await start();
    engine.reply = { ok: true, data: 42 };
    expect(await (await call(server, 'app.info')).json()).toEqual({ ok: true, data: 42 });
    engine.reply = { ok: true, data: null };
    expect(await (await call(server, 'app.info')).json()).toEqual({ ok: true, data: null });
  });

  it('are a 500 with a clear message, and a log line, when the engine itself throws; the server goes on', async () => {
    const { engine, server } = await start();
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      stderr.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    try {
      engine.dispatchError = new Error('engine blew up');
      const res = await call(server, 'app.info');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        ok: false,
        error: {
          code: 'internal',
          message: 'The request failed inside Keel. This is a bug; please report it.',
        },
      });
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toMatch(/keel: request POST \/api\/app\.info failed: Error: engine blew up/);
    engine.dispatchError = null;
    expect((await call(server, 'app.info')).status).toBe(200);
  });
});

describe('a client that goes away', () => {
  it('in the middle of its body leaves the server serving', async () => {
    const { server } = await start();
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/app.info',
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-length': '1000' },
    });
    req.on('error', () => {});
    req.write('{"half":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await call(server, 'app.info')).status).toBe(200);
  });

  it('cancels the call it was waiting for', async () => {
    const { engine, server } = await start();
    let release!: () => void;
    engine.hold = new Promise((resolve) => (release = resolve));
    cleanups.push(() => release());
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/portfolio.summary',
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, host: `127.0.0.1:${server.port}` },
    });
    req.on('error', () => {});
    req.end('{}');
    await expect.poll(() => engine.calls.length).toBe(1);
    const signal = engine.calls[0]!.signal!;
    expect(signal.aborted).toBe(false);
    req.destroy();
    await expect.poll(() => signal.aborted).toBe(true);
  });

  it('does not cancel a call that was answered', async () => {
    const { engine, server } = await start();
    const res = await call(server, 'app.info');
    expect(res.status).toBe(200);
    await res.text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(engine.calls[0]!.signal!.aborted).toBe(false);
  });
});

describe('closing the server', () => {
  it('lets a call under way finish and answers it, uncancelled, before cutting connections', async () => {
    const { engine, server } = await start();
    let release!: () => void;
    engine.hold = new Promise((resolve) => (release = resolve));
    const answer = call(server, 'settings.update');
    await expect.poll(() => engine.calls.length).toBe(1);
    const closed = server.close();
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedYet).toBe(false);
    expect(engine.calls[0]!.signal!.aborted).toBe(false);
    release();
    const res = await answer;
    expect(res.status).toBe(200);
    await closed;
    // And nothing new is accepted.
    await expect(call(server, 'app.info')).rejects.toThrow();
  });

  it('cuts a call that outlasts the drain deadline', async () => {
    const engine = new FakeEngine();
    const clock = new ManualClock();
    const ui = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-ui-'));
    cleanups.push(() => fs.rmSync(ui, { recursive: true, force: true }));
    const server = await serve({ engine, token: TOKEN, host: '127.0.0.1', port: 0, staticDir: ui, clock });
    engine.hold = new Promise(() => {});
    const answer = call(server, 'settings.update').then(
      () => 'answered',
      () => 'cut',
    );
    await expect.poll(() => engine.calls.length).toBe(1);
    const closed = server.close();
    clock.advance(DRAIN_MS);
    await closed;
    expect(await answer).toBe('cut');
  });
});

describe('the event WebSocket', () => {
  const open = (
    port: number,
    protocols = ['keel.v1', `keel.token.${TOKEN}`],
    path = '/api/events',
    headers = {},
  ) => new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, { headers });
  const refusal = (ws: WebSocket) =>
    new Promise<string>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(`${res.statusCode} ${res.statusMessage}`)),
    );

  it('is refused with the reason: wrong path or Host 404, no token 401, foreign page 403', async () => {
    const { server } = await start();
    expect(await refusal(open(server.port, undefined, '/api/other'))).toBe('404 Not Found');
    expect(await refusal(open(server.port, undefined, undefined, { host: 'evil.example' }))).toBe(
      '404 Not Found',
    );
    expect(await refusal(open(server.port, ['keel.v1']))).toBe('401 Unauthorized');
    expect(await refusal(open(server.port, undefined, undefined, { origin: 'http://evil.example' }))).toBe(
      '403 Forbidden',
    );
  });

  it('speaks only its own protocol', async () => {
    const { server } = await start();
    const ws = open(server.port, [`keel.token.${TOKEN}`]);
    const failed = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(false));
      ws.once('error', () => resolve(true));
    });
    expect(failed).toBe(true);
  });

  it('ends its stream when the client closes', async () => {
    const { engine, server } = await start();
    const ws = open(server.port);
    await new Promise((resolve) => ws.once('open', resolve));
    await expect.poll(() => engine.streams.size).toBe(1);
    ws.close();
    await expect.poll(() => engine.streams.size).toBe(0);
  });

  it('closes a client that sends what is not a topic message, saying what it expected', async () => {
    const { server } = await start();
    const ws = open(server.port);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (c, r) => resolve([c, String(r)])),
    );
    ws.send('{"type":"shout"}');
    expect(await closed).toEqual([1008, 'expected {"type":"subscribe"|"unsubscribe","topics":[…]}']);
  });

  it('closes a client that sends a frame over 64 KiB', async () => {
    const { server } = await start();
    const ws = open(server.port);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    ws.send('x'.repeat(64 * 1024 + 1));
    expect(await closed).toBe(1009);
  });
});

describe('an event client that stops reading', () => {
  /** A WebSocket client by hand: handshake, one subscribe frame, then it never reads again. */
  async function stalledClient(port: number): Promise<net.Socket> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      [
        'GET /api/events HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: keel.v1, keel.token.${TOKEN}`,
        '',
        '',
      ].join('\r\n'),
    );
    await new Promise<void>((resolve) => {
      let head = '';
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        if (head.includes('\r\n\r\n')) {
          socket.off('data', onData);
          resolve();
        }
      };
      socket.on('data', onData);
    });
    // A masked text frame, as clients must send.
    const payload = Buffer.from(JSON.stringify({ type: 'subscribe', topics: [{ event: 'app.status' }] }));
    const mask = crypto.randomBytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
    socket.pause();
    return socket;
  }

  it('is dropped past 1 MiB behind by default', async () => {
    const { engine, server, logs } = await start();
    const slow = await stalledClient(server.port);
    cleanups.push(() => slow.destroy());
    await expect.poll(() => [...engine.streams].filter((s) => s.topics.size > 0).length).toBe(1);
    const big = 'x'.repeat(100_000);
    for (let sent = 0; engine.streams.size === 1 && sent < 2_000; sent++) {
      engine.emit('app.status', { state: 'ready', at: big });
      if (sent % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(engine.streams.size).toBe(0);
    const kib = Number(logs.map((l) => /fell (\d+) KiB behind/.exec(l)?.[1]).find(Boolean));
    expect(kib).toBeGreaterThanOrEqual(1024);
    expect(kib).toBeLessThan(1024 + 100);
  });

  it('is dropped once it falls behind by the limit, while a reading client keeps everything', async () => {
    const { engine, server, logs } = await start({ maxBufferedBytes: 64 * 1024 });
    const slow = await stalledClient(server.port);
    cleanups.push(() => slow.destroy());
    const fast = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, [
      'keel.v1',
      `keel.token.${TOKEN}`,
    ]);
    cleanups.push(() => fast.close());
    await new Promise((resolve) => fast.once('open', resolve));
    let received = 0;
    fast.on('message', () => received++);
    fast.send(JSON.stringify({ type: 'subscribe', topics: [{ event: 'app.status' }] }));
    await expect.poll(() => [...engine.streams].filter((s) => s.topics.size > 0).length).toBe(2);
    const big = 'x'.repeat(100_000);
    let sent = 0;
    while ([...engine.streams].length === 2 && sent < 2_000) {
      engine.emit('app.status', { state: 'ready', at: big });
      sent++;
      if (sent % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(engine.streams.size).toBe(1);
    const kib = logs
      .map((l) => /dropped an event client that fell (\d+) KiB behind/.exec(l)?.[1])
      .find(Boolean);
    // Just past the limit of 64 KiB (by less than one 100 kB frame): memory is bounded by the limit.
    expect(Number(kib)).toBeGreaterThanOrEqual(64);
    expect(Number(kib)).toBeLessThan(64 + 100);
    expect(sent).toBeLessThan(2_000);
    await expect.poll(() => received, { timeout: 10_000 }).toBe(sent);
  });
});
