import { beforeEach, describe, expect, it } from 'vitest';
import { installNavigationGuards, isExternalWebUrl } from './navigation';
import { BrowserWindow, fake, session } from './testing/fake-electron';

beforeEach(() => {
  fake.reset();
  installNavigationGuards(session.defaultSession as never);
});

/** A window created after the guards, as in the app: every webContents is hardened on creation. */
function contents() {
  return new BrowserWindow({ show: false }).webContents;
}

describe('navigation guards', () => {
  it('keeps navigation on keel://app', () => {
    const page = contents();
    expect(page.navigate('keel://app/index.html')).toBe(true);
    expect(page.navigate('keel://app/portfolio')).toBe(true);
    expect(page.getURL()).toBe('keel://app/portfolio');
  });

  it('prevents navigation and redirects to any other origin', () => {
    const page = contents();
    page.navigate('keel://app/index.html');
    for (const url of [
      'https://evil.example/',
      'http://localhost:8080/',
      'file:///etc/passwd',
      'keel://app.evil/index.html',
      'keel://other/index.html',
      'javascript:alert(1)',
    ]) {
      expect(page.navigate(url), url).toBe(false);
      expect(page.redirect(url), url).toBe(false);
    }
    expect(page.getURL()).toBe('keel://app/index.html');
  });

  it('denies every new window and sends only http(s) links to the browser', () => {
    const page = contents();
    expect(page.openWindow('https://alpaca.markets/docs')).toBe('deny');
    expect(page.openWindow('http://example.com/')).toBe('deny');
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'keel://app/x',
      'not a url',
    ]) {
      expect(page.openWindow(url), url).toBe('deny');
    }
    expect(fake.openedExternal).toEqual(['https://alpaca.markets/docs', 'http://example.com/']);
  });

  it('refuses <webview>', () => {
    expect(contents().attachWebview('https://example.com/')).toBe(false);
  });

  it('denies permission requests by default', async () => {
    expect(await fake.session.requestPermission('media', 'keel://app/index.html')).toBe(false);
    expect(await fake.session.requestPermission('geolocation', 'keel://app/index.html')).toBe(false);
    expect(await fake.session.requestPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(
      false,
    );
    expect(await fake.session.requestPermission('clipboard-sanitized-write', 'keel://app/index.html')).toBe(
      true,
    );
    expect(fake.session.checkPermission('notifications', 'keel://app')).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it('accepts only http and https', () => {
    expect(isExternalWebUrl('https://example.com')).toBe(true);
    expect(isExternalWebUrl('HTTP://EXAMPLE.COM')).toBe(true);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isExternalWebUrl('')).toBe(false);
  });
});
