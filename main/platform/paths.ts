import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Keel';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for an app
 * named Keel, so the desktop app and `keel serve` share one book by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
