import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** Links the UI may hand to the system browser. Never file:, javascript:, smb: or custom schemes. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Keeps a webContents on keel://app: no navigation or redirect elsewhere, no new windows (web links
 * open in the system browser instead), no <webview>. A compromised page then cannot swap itself
 * for remote content that would inherit the preload bridge.
 */
export function hardenWebContents(contents: WebContents): void {
  const stayOnApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      shell.openExternal(url).catch(() => {
        // Nothing to recover: the OS had no handler or the user cancelled.
      });
    }
    return { action: 'deny' };
  });
}

/** Permissions the app itself uses; everything else (camera, geolocation, notifications…) is denied. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  // navigator.clipboard.writeText for "copy" buttons.
  'clipboard-sanitized-write',
]);

function permissionAllowed(permission: string, origin: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin);
}

/** Applies the guards to every webContents ever created and denies permission requests by default. */
export function installNavigationGuards(session: Session): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin),
  );
}
