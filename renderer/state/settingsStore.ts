import { create } from 'zustand';
import type { Settings, SimMarketMode, Theme } from '../../main/contract';
import { api, describeError, type ErrorInfo } from '../api/client';

const THEME_CACHE_KEY = 'keel.theme';

export interface SettingsState {
  theme: Theme;
  /** The simulated market's hours as saved (the market runs on them unless the command line says otherwise). */
  simMarket: SimMarketMode;
  loaded: boolean;
  saving: boolean;
  error: ErrorInfo | null;
  load(): Promise<void>;
  /** Applies settings the engine announced (the 'settings.changed' event). */
  apply(settings: Settings): void;
  setTheme(theme: Theme): Promise<void>;
  setSimMarket(mode: SimMarketMode): Promise<void>;
}

/** Sets the theme on <html>, where the CSS variables of styles/theme.css switch on it. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_CACHE_KEY, theme);
  } catch {
    // Storage may be unavailable; the engine's setting still wins once loaded.
  }
}

/** The last theme seen, so the first paint does not flash the other theme before settings load. */
export function cachedTheme(): Theme {
  try {
    return localStorage.getItem(THEME_CACHE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  theme: 'dark',
  simMarket: 'sessions',
  loaded: false,
  saving: false,
  error: null,
  async load() {
    try {
      get().apply(await api().call('settings.get', {}));
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
  apply(settings) {
    applyTheme(settings.theme);
    set({ theme: settings.theme, simMarket: settings.simMarket, loaded: true, error: null });
  },
  async setTheme(theme) {
    const previous = get().theme;
    applyTheme(theme);
    set({ theme, saving: true, error: null });
    try {
      get().apply(await api().call('settings.update', { theme }));
    } catch (err) {
      applyTheme(previous);
      set({ theme: previous, error: describeError(err) });
    } finally {
      set({ saving: false });
    }
  },
  async setSimMarket(simMarket) {
    set({ saving: true, error: null });
    try {
      get().apply(await api().call('settings.update', { simMarket }));
    } catch (err) {
      set({ error: describeError(err) });
    } finally {
      set({ saving: false });
    }
  },
}));
