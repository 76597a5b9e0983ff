import { describe, expect, it, vi } from 'vitest';
import { captureToken, forgetToken, TOKEN_STORAGE_KEY, tokenFromFragment, type TokenEnv } from './token';

function fakeEnv(hash: string, stored: string | null = null) {
  const store = new Map<string, string>();
  if (stored) store.set(TOKEN_STORAGE_KEY, stored);
  const replaceState = vi.fn();
  const env: TokenEnv = {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { replaceState, state: null },
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    },
  };
  return { env, store, replaceState };
}

describe('tokenFromFragment', () => {
  it('reads #token=…', () => {
    expect(tokenFromFragment('#token=abc123')).toBe('abc123');
    expect(tokenFromFragment('#token=abc&x=1')).toBe('abc');
    expect(tokenFromFragment('#a=1&token=t_-9')).toBe('t_-9');
  });

  it('ignores routes and empty tokens', () => {
    expect(tokenFromFragment('#/portfolio')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
    expect(tokenFromFragment('#notatoken=abc')).toBeNull();
  });
});

describe('captureToken', () => {
  it('moves the token from the fragment to sessionStorage and clears the address bar', () => {
    const { env, store, replaceState } = fakeEnv('#token=secret');
    expect(captureToken(env)).toBe('secret');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('secret');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
  });

  it('falls back to the stored token on reload', () => {
    const { env, replaceState } = fakeEnv('#/trades', 'kept');
    expect(captureToken(env)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('prefers a new link over a stored token', () => {
    const { env, store } = fakeEnv('#token=fresh', 'stale');
    expect(captureToken(env)).toBe('fresh');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('fresh');
  });

  it('returns null without either', () => {
    expect(captureToken(fakeEnv('').env)).toBeNull();
  });

  it('forgets a rejected token', () => {
    const { env, store } = fakeEnv('', 'bad');
    forgetToken(env.storage);
    expect(store.has(TOKEN_STORAGE_KEY)).toBe(false);
  });
});
