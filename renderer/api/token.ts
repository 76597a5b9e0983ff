/**
 * The headless access token. `keel serve` prints a URL ending in `#token=…`; on first load the
 * token moves from the address bar into sessionStorage (so it survives reloads of this tab but
 * not the browser), and the fragment is removed so the token is not left on screen or in history.
 */
export const TOKEN_STORAGE_KEY = 'keel.token';

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

function browserEnv(): TokenEnv {
  return { location: window.location, history: window.history, storage: window.sessionStorage };
}

/** The token in a fragment such as `#token=abc` (or `#token=abc&x=y`), or null. */
export function tokenFromFragment(hash: string): string | null {
  const fragment = hash.replace(/^#/, '');
  if (!/(^|&)token=/.test(fragment)) return null;
  const token = new URLSearchParams(fragment).get('token');
  return token && token.trim() ? token.trim() : null;
}

/** Takes the token from the fragment (and wipes it from the address bar) or from sessionStorage. */
export function captureToken(env: TokenEnv = browserEnv()): string | null {
  const fromUrl = tokenFromFragment(env.location.hash);
  if (fromUrl) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

/** Drops a token the engine rejected, so a reload asks for a fresh link instead of retrying it. */
export function forgetToken(storage: TokenEnv['storage'] = window.sessionStorage): void {
  storage.removeItem(TOKEN_STORAGE_KEY);
}
