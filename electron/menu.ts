import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** app.isPackaged: reload and developer tools exist only in unpackaged (development) runs. */
  packaged: boolean;
  dataDir: string;
}

/** The application menu. Standard roles give each platform its native items and shortcuts. */
export function buildMenuTemplate({
  platform,
  packaged,
  dataDir,
}: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Open Data Folder',
          click: () => void openFolder(dataDir),
        },
      ],
    },
  ];
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}

async function openFolder(folder: string): Promise<void> {
  // openPath resolves to an error string rather than rejecting.
  const error = await shell.openPath(folder);
  if (error) console.error(`Keel: could not open the data folder ${folder}: ${error}`);
}
