import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UI_CONTENT_SECURITY_POLICY } from '../main/platform/ui-files';
import { installAppProtocol, registerAppScheme, resolveAppPath } from './protocol';
import { fake } from './testing/fake-electron';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'keel-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Keel</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeEach(() => {
  fake.reset();
  registerAppScheme();
  fake.app.becomeReady();
  installAppProtocol(root);
});

describe('keel:// scheme', () => {
  it('is registered as privileged: standard, secure, fetch', () => {
    expect(fake.protocol.privileged).toEqual([
      {
        scheme: 'keel',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ]);
  });

  it('serves index.html with its type and the CSP', async () => {
    const response = await fake.protocol.fetch('keel://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Keel</title>');
  });

  it.each([
    ['keel://app/', 'text/html; charset=utf-8'],
    ['keel://app/assets/app.js', 'text/javascript; charset=utf-8'],
    ['keel://app/assets/app.css', 'text/css; charset=utf-8'],
    ['keel://app/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (url, type) => {
    const response = await fake.protocol.fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers client-side routes with the app shell but missing assets with 404', async () => {
    expect(await (await fake.protocol.fetch('keel://app/portfolio')).text()).toContain('<title>Keel</title>');
    expect((await fake.protocol.fetch('keel://app/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'keel://app/..%2fsecret.txt',
    'keel://app/%2e%2e%2fsecret.txt',
    'keel://app/assets/..%2f..%2fsecret.txt',
    'keel://app/..%5csecret.txt',
    'keel://app/%2e%2e%5csecret.txt',
    'keel://app/index.html%00.png',
    'keel://app/%E0%A4%A',
    'keel://other/index.html',
  ])('refuses %s', async (url) => {
    const response = await fake.protocol.fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('never leaves the root even when the URL parser has removed the dots', async () => {
    const response = await fake.protocol.fetch('keel://app/../secret.txt');
    expect(await response.text()).not.toContain('do not serve');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fake.protocol.fetch('keel://app/index.html', { method: 'POST', body: 'x' })).status).toBe(
      405,
    );
    const head = await fake.protocol.fetch('keel://app/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('resolveAppPath', () => {
  it('maps inside the root and rejects a climb out of it', () => {
    expect(resolveAppPath('/srv/ui', 'keel://app/assets/a.js')).toBe(path.resolve('/srv/ui/assets/a.js'));
    expect(resolveAppPath('/srv/ui', 'keel://app/')).toBe(path.resolve('/srv/ui/index.html'));
    expect(resolveAppPath('/srv/ui', 'keel://app/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath('/srv/ui', 'keel://app/%2fetc%2fpasswd')).toBe(path.resolve('/srv/ui/etc/passwd'));
    expect(resolveAppPath('/srv/ui', 'file:///srv/ui/index.html')).toBeNull();
  });
});
