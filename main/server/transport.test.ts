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
import { FakeEngine } from '../testing/fake-engine';
import { STATUS } from './api';
import { serve, type RunningServer } from './http';

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

describe('a client that goes away', () => {
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
    expect(logs.some((l) => /dropped an event client that fell \d+ KiB behind/.test(l))).toBe(true);
    // The server never held more than the limit (plus one frame) for the slow client: memory is bounded.
    expect(sent).toBeLessThan(2_000);
    await expect.poll(() => received, { timeout: 10_000 }).toBe(sent);
  });
});
