import type { Theme } from '../../../main/contract';
import { useSettingsStore } from '../../state/settingsStore';

const THEMES: { id: Theme; label: string }[] = [
  { id: 'dark', label: 'Dark' },
  { id: 'light', label: 'Light' },
];

export function SettingsPage() {
  const theme = useSettingsStore((s) => s.theme);
  const saving = useSettingsStore((s) => s.saving);
  const error = useSettingsStore((s) => s.error);
  const setTheme = useSettingsStore((s) => s.setTheme);
  return (
    <section className="page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <div className="panel">
        <div className="panel-head">
          <h2>Appearance</h2>
        </div>
        <div className="panel-body settings-row">
          <span id="theme-label">Theme</span>
          <div className="segmented" role="radiogroup" aria-labelledby="theme-label">
            {THEMES.map((t) => (
              <button
                key={t.id}
                type="button"
                role="radio"
                aria-checked={theme === t.id}
                className={theme === t.id ? 'active' : ''}
                disabled={saving}
                onClick={() => void setTheme(t.id)}
                data-testid={`theme-${t.id}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          {error && (
            <span className="neg" role="alert">
              Could not save: {error.message} {error.hint}
            </span>
          )}
        </div>
      </div>
      <div className="panel state-panel placeholder" data-testid="placeholder">
        <p className="placeholder-lead">
          Not built yet — the rest of Settings arrives with <strong>Sync and credentials</strong>
        </p>
        <p className="muted">
          Planned: broker credentials in the OS keychain, sync sources and notifications.
        </p>
      </div>
    </section>
  );
}
