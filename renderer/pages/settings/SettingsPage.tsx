import type { SimMarketMode, Theme } from '../../../main/contract';
import { useAppStore } from '../../state/appStore';
import { useSettingsStore } from '../../state/settingsStore';
import { Segmented } from '../../ui/Segmented';

const THEMES: { id: Theme; label: string }[] = [
  { id: 'dark', label: 'Dark' },
  { id: 'light', label: 'Light' },
];

const MARKET_HOURS: { id: SimMarketMode; label: string }[] = [
  { id: 'sessions', label: 'NYSE hours' },
  { id: 'always', label: 'Always open' },
];

/** The simulated market's hours: the real session calendar, or open evenings and weekends. */
function SimMarketSettings() {
  const running = useAppStore((s) => s.info?.simMarket ?? null);
  const saved = useSettingsStore((s) => s.simMarket);
  const saving = useSettingsStore((s) => s.saving);
  const setSimMarket = useSettingsStore((s) => s.setSimMarket);
  if (running === null) return null;
  return (
    <div className="panel" data-testid="sim-market-settings">
      <div className="panel-head">
        <h2>Simulated market</h2>
      </div>
      <div className="panel-body settings-row">
        <span id="sim-market-label">Market hours</span>
        <Segmented
          options={MARKET_HOURS}
          value={running}
          onChange={(id) => void setSimMarket(id)}
          labelledBy="sim-market-label"
          disabled={saving}
          testId="sim-market"
        />
        <span className="muted">
          {running === 'always'
            ? 'Quotes tick and orders fill evenings and weekends too — not the real session. Every page says so.'
            : 'Follows the NYSE calendar: pre-market from 4:00, regular 9:30–16:00 (13:00 on early closes), after hours to 20:00.'}
          {running !== saved
            ? ' Set for this run by --sim-market; choosing here changes it and saves it.'
            : ''}
        </span>
      </div>
    </div>
  );
}

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
          <Segmented
            options={THEMES}
            value={theme}
            onChange={(id) => void setTheme(id)}
            labelledBy="theme-label"
            disabled={saving}
            testId="theme"
          />
          {error && (
            <span className="neg" role="alert">
              Could not save: {error.message} {error.hint}
            </span>
          )}
        </div>
      </div>
      <SimMarketSettings />
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
