import { useSettingsStore } from '../state/settingsStore';

export function ThemeToggle() {
  const theme = useSettingsStore((s) => s.theme);
  const saving = useSettingsStore((s) => s.saving);
  const error = useSettingsStore((s) => s.error);
  const setTheme = useSettingsStore((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="button-small theme-toggle"
      data-testid="theme-toggle"
      onClick={() => void setTheme(next)}
      disabled={saving}
      title={error ? `Could not save the theme: ${error.message}` : `Switch to the ${next} theme`}
      aria-label={`Switch to the ${next} theme`}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
