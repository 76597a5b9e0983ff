import { type Session } from 'electron';
import { UI_CONTENT_SECURITY_POLICY } from '../main/platform/ui-files';
import { isAppUrl } from './app-origin';

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
    headers['Content-Security-Policy'] = [UI_CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
