/**
 * Where the UI lives. The renderer is served from a privileged custom scheme rather than file://
 * so it gets a real origin (CSP 'self', fetch and storage work, file:// gives none of that and
 * would let a compromised page read local files).
 */
export const APP_SCHEME = 'keel';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs on keel://app (parsed, so look-alikes such as keel://app.evil/ fail). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
