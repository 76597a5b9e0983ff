import { Menu, Tray, nativeImage } from 'electron';

export interface TrayActions {
  show: () => void;
  quit: () => void;
}

/**
 * The status-area icon: "Show Keel" and "Quit". Returns null when the icon file is missing, so a
 * packaging slip costs the tray, not the app.
 */
export function createTray(iconPath: string, actions: TrayActions, platform = process.platform): Tray | null {
  let image = nativeImage.createFromPath(iconPath);
  if (image.isEmpty()) {
    console.error(`Keel: tray icon not found at ${iconPath}; continuing without a tray icon.`);
    return null;
  }
  if (platform === 'darwin') {
    // The macOS menu bar wants 16 pt template images, tinted by the system for light/dark bars.
    image = image.resize({ width: 16, height: 16 });
    image.setTemplateImage(true);
  }
  const tray = new Tray(image);
  tray.setToolTip('Keel');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Keel', click: actions.show },
      { type: 'separator' },
      { label: 'Quit', click: actions.quit },
    ]),
  );
  // Windows convention: a left click on the icon brings the window back.
  tray.on('click', actions.show);
  return tray;
}
