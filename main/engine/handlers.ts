import { Settings } from '../contract/schemas';
import { DEMO_SETTING_KEY, type DemoBookInfo } from '../demo/generate';
import type { Store } from '../store';
import { schemaVersion } from '../store/migrate';
import type { TaskRunner } from '../workers/tasks';
import { EngineError, type HandlerTable } from './dispatch';
import type { EventBus } from './events';
import { toAccount } from './queries';
import type { ShellKind } from './types';

export interface HandlerDeps {
  store: Store;
  runner: TaskRunner;
  bus: EventBus;
  shell: ShellKind;
  version: string;
  dataDir: string;
}

const DEFAULT_SETTINGS: Settings = { theme: 'dark' };
const SETTINGS_KEY = 'ui';

/** The one handler table behind every transport. Requests arrive already validated. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const { store, runner, bus } = deps;

  const activeAccount = () => {
    const row = store.accounts.active();
    if (!row)
      throw new EngineError(
        'not_found',
        'No account is active. Add an account in Settings, or start with an empty data folder to get the demo book.',
      );
    return row;
  };
  const readSettings = (): Settings => {
    const parsed = Settings.safeParse({
      ...DEFAULT_SETTINGS,
      ...(store.settings.get(SETTINGS_KEY) as object | undefined),
    });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };

  return {
    'app.info': () => {
      const active = store.accounts.active();
      const demo = store.settings.get(DEMO_SETTING_KEY) as DemoBookInfo | undefined;
      return {
        name: 'Keel',
        version: deps.version,
        shell: deps.shell,
        dataDir: deps.dataDir,
        schemaVersion: schemaVersion(store.db),
        demo: active?.mode === 'demo',
        demoAsOf: active?.mode === 'demo' ? (demo?.asOf ?? null) : null,
      };
    },
    'accounts.list': () => store.accounts.list().map(toAccount),
    'portfolio.summary': async ({ accountId }) => {
      const id = accountId ?? activeAccount().id;
      const summary = await runner.run('portfolioSummary', { accountId: id });
      if (!summary)
        throw new EngineError(
          'not_found',
          `No account with id "${id}". Call accounts.list for the ids there are.`,
        );
      return summary;
    },
    'settings.get': () => readSettings(),
    'settings.update': (patch) => {
      const next = Settings.parse({ ...readSettings(), ...patch });
      store.settings.set(SETTINGS_KEY, next);
      bus.emit('settings.changed', next);
      return next;
    },
  };
}
