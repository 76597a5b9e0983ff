import { Settings } from '../contract/schemas';
import type { Store } from '../store';

export const SETTINGS_KEY = 'ui';
export const DEFAULT_SETTINGS: Settings = { theme: 'dark', simMarket: 'sessions' };

/**
 * The stored settings over the defaults. A stored value this build cannot read (a theme from a
 * newer version, a hand-edited row) never breaks the app: each unreadable field falls back to its
 * default and the problem is logged. (The column only holds valid JSON: a CHECK guarantees it.)
 */
export function readSettings(store: Store, log: (line: string) => void = () => {}): Settings {
  const raw = store.settings.getRaw(SETTINGS_KEY);
  if (raw === undefined) return DEFAULT_SETTINGS;
  const stored: unknown = JSON.parse(raw);
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    log(`the stored settings are not an object; using the defaults`);
    return DEFAULT_SETTINGS;
  }
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [field, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const value = (stored as Record<string, unknown>)[field];
    if (value === undefined) continue;
    const ok = Settings.shape[field as keyof Settings].safeParse(value).success;
    if (ok) merged[field] = value;
    else
      log(
        `the stored setting ${field}=${JSON.stringify(value)} is not valid; using ${JSON.stringify(fallback)}`,
      );
  }
  return Settings.parse(merged);
}
