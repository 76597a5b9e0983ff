import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorized, checkTokenShape, hostAllowed, newToken, originAllowed, requestToken } from './auth';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;

describe('access tokens', () => {
  it('are made new, URL-safe and long', () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a).not.toBe(b);
    expect(checkTokenShape(a)).toBeNull();
  });

  it('given by the user must be long and URL-safe', () => {
    expect(checkTokenShape('short')).toMatch(/at least 16 characters/);
    expect(checkTokenShape('a'.repeat(15))).toMatch(/at least 16/);
    expect(checkTokenShape('a'.repeat(16))).toBeNull();
    for (const bad of ['!abcdefghijklmnopq', 'abcdefghijklmnopq!', 'abcdefgh ijklmnopq', 'abcdefghijklmnop/'])
      expect(checkTokenShape(bad), bad).toMatch(/only letters, digits, "-" and "_"/);
  });

  it('are read from a Bearer header in any case, with any spacing, or from the WebSocket subprotocol', () => {
    expect(requestToken(req({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(requestToken(req({ authorization: 'bearer abc' }))).toBe('abc');
    expect(requestToken(req({ authorization: 'BEARER\tabc' }))).toBe('abc');
    expect(requestToken(req({ authorization: 'Bearer    abc   ' }))).toBe('abc');
    for (const bad of ['Basic abc', 'Bearerabc', 'XBearer abc', 'Bearer a b', 'abc', 'Bearer '])
      expect(requestToken(req({ authorization: bad })), bad).toBeNull();
    expect(requestToken(req({ 'sec-websocket-protocol': 'keel.v1, keel.token.xyz' }))).toBe('xyz');
    expect(requestToken(req({ 'sec-websocket-protocol': 'keel.v1' }))).toBeNull();
    expect(requestToken(req({}))).toBeNull();
  });

  it('must match exactly', () => {
    expect(authorized(req({ authorization: 'Bearer secret-token-123456' }), 'secret-token-123456')).toBe(
      true,
    );
    expect(authorized(req({ authorization: 'Bearer secret-token-12345' }), 'secret-token-123456')).toBe(
      false,
    );
    expect(authorized(req({ authorization: 'Bearer secret-token-1234567' }), 'secret-token-123456')).toBe(
      false,
    );
    expect(authorized(req({}), 'secret-token-123456')).toBe(false);
  });
});

describe('Host and Origin', () => {
  const allowed = new Set(['localhost:8080', '127.0.0.1:8080']);
  it('accept only our own Host, in any case', () => {
    expect(hostAllowed(req({ host: 'localhost:8080' }), allowed)).toBe(true);
    expect(hostAllowed(req({ host: 'LocalHost:8080' }), allowed)).toBe(true);
    expect(hostAllowed(req({ host: 'evil.example:8080' }), allowed)).toBe(false);
    expect(hostAllowed(req({}), allowed)).toBe(false);
  });

  it('accept a page only from the origin of the Host it asked, and scripts without Origin', () => {
    expect(originAllowed(req({ host: 'localhost:8080', origin: 'http://localhost:8080' }))).toBe(true);
    expect(originAllowed(req({ host: 'LocalHost:8080', origin: 'http://localhost:8080' }))).toBe(true);
    expect(originAllowed(req({ host: 'localhost:8080', origin: 'HTTP://LOCALHOST:8080' }))).toBe(true);
    expect(originAllowed(req({ host: 'localhost:8080' }))).toBe(true);
    for (const origin of [
      'http://evil.example',
      'null',
      'https://localhost:8080',
      'http://localhost:8081',
      'http://localhost',
    ])
      expect(originAllowed(req({ host: 'localhost:8080', origin })), origin).toBe(false);
    expect(originAllowed(req({ origin: 'http://localhost:8080' }))).toBe(false);
  });
});
