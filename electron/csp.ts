import { type Session } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * The UI's Content-Security-Policy. Everything comes from the app's own origin; nothing may be
 * framed, posted or based elsewhere. The renderer reaches the engine through IPC, never the network.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // 'unsafe-inline' for styles only: React's `style={...}` props and the chart library set inline
  // style attributes, which CSP treats as inline styles. Scripts stay strict, which is what matters.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/**
 * Adds the CSP header to every keel://app response the session sees. The protocol handler sets
 * the same header on what it serves; this is the second layer, because webRequest header hooks
 * have not always fired for custom schemes (electron/electron#6021).
 */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    // Drop any differently-cased copy so exactly one policy applies.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
