import { Settings, type SettingsPatch } from '../contract/schemas';
import { writeTask } from '../workers/task';
import { readSettings, SETTINGS_KEY } from './settings';

export const settingsTasks = {
  /** Read, merge and save in one transaction, so two updates at once never lose each other's fields. */
  'settings.patch': writeTask<{ patch: SettingsPatch; at: number }, Settings>({
    run: (ctx, { patch, at }) => {
      const next = Settings.parse({ ...readSettings(ctx.store), ...patch });
      ctx.store.settings.set(SETTINGS_KEY, next, at);
      return next;
    },
  }),
};
