import { beforeEach, describe, expect, it } from 'vitest';
import { type MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, installApplicationMenu } from './menu';
import { fake } from './testing/fake-electron';

beforeEach(() => fake.reset());

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => String(item.role ?? item.label ?? item.type));
}

function submenu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = items.find((item) => item.label === label || item.role === label);
  return (found?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('application menu', () => {
  it('has the app menu on macOS only', () => {
    expect(roles(buildMenuTemplate({ platform: 'darwin', packaged: true, dataDir: '/d' }))).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(roles(buildMenuTemplate({ platform: 'win32', packaged: true, dataDir: '/d' }))[0]).toBe(
      'fileMenu',
    );
  });

  it('offers reload and developer tools only when not packaged', () => {
    const dev = roles(
      submenu(buildMenuTemplate({ platform: 'linux', packaged: false, dataDir: '/d' }), 'View'),
    );
    const shipped = roles(
      submenu(buildMenuTemplate({ platform: 'linux', packaged: true, dataDir: '/d' }), 'View'),
    );
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    expect(shipped).not.toEqual(expect.arrayContaining(['reload']));
    expect(shipped).not.toContain('toggleDevTools');
    expect(shipped).not.toContain('forceReload');
  });

  it('Help opens the data folder', async () => {
    const [openData] = submenu(
      buildMenuTemplate({ platform: 'linux', packaged: true, dataDir: '/data/keel' }),
      'help',
    );
    expect(openData?.label).toBe('Open Data Folder');
    (openData?.click as () => void)();
    await Promise.resolve();
    expect(fake.openedPaths).toEqual(['/data/keel']);
  });

  it('is installed as the application menu', () => {
    installApplicationMenu({ platform: 'linux', packaged: true, dataDir: '/d' });
    expect(fake.applicationMenu?.items.length).toBe(5);
  });
});
