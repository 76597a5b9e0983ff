import type { Settings, SettingsPatch } from '../contract/schemas';
import type { Clock } from '../core/clock';
import type { Emit, HandlerTable } from '../core/handler';
import type { Store } from '../store';
import type { TaskRunner } from '../workers/runner';
import { readSettings } from './settings';
import type { settingsTasks } from './tasks';

export function settingsHandlers(deps: {
  store: Store;
  runner: TaskRunner<typeof settingsTasks>;
  emit: Emit;
  clock: Clock;
  log: (line: string) => void;
  /** Hears of every saved change (the settings after it, and what the caller changed), before it is pushed. */
  changed?: (next: Settings, patch: SettingsPatch) => void;
}): Pick<HandlerTable, 'settings.get' | 'settings.update'> {
  const { store, runner, emit, clock, log } = deps;
  return {
    'settings.get': () => readSettings(store, log),
    'settings.update': async (patch, { signal }) => {
      const next = await runner.run('settings.patch', { patch, at: clock.now() }, { signal });
      deps.changed?.(next, patch);
      emit('settings.changed', next);
      return next;
    },
  };
}
