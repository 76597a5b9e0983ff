import { beforeEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { fake } from './testing/fake-electron';
import { createTray } from './tray';

const icon = path.resolve(__dirname, '../resources/tray.png');

beforeEach(() => fake.reset());

describe('tray', () => {
  it('shows the Keel icon with Show Keel and Quit', () => {
    const actions = { show: vi.fn(), quit: vi.fn() };
    createTray(icon, actions, 'linux');
    const [tray] = fake.trays;
    expect(tray?.toolTip).toBe('Keel');
    const items = tray?.contextMenu?.items ?? [];
    expect(items.map((item) => item.label).filter(Boolean)).toEqual(['Show Keel', 'Quit']);
    (items[0]?.click as () => void)();
    (items[2]?.click as () => void)();
    expect(actions.show).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('uses a 16 pt template image on macOS', () => {
    createTray(icon, { show: vi.fn(), quit: vi.fn() }, 'darwin');
    expect(fake.trays[0]?.image).toMatchObject({ templateImage: true, size: { width: 16, height: 16 } });
  });

  it('goes without a tray rather than failing when the icon is missing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(createTray('/nowhere/tray.png', { show: vi.fn(), quit: vi.fn() }, 'linux')).toBeNull();
    expect(fake.trays).toEqual([]);
  });
});
