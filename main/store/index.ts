import type { Db } from './db';
import { accountsRepo } from './repos/accounts';
import { activityRepo } from './repos/activity';
import { equityRepo } from './repos/equity';
import { positionsRepo } from './repos/positions';
import { settingsRepo } from './repos/settings';

export { openDb, probeDb, DB_FILE, type Db } from './db';
export { migrate, schemaVersion } from './migrate';

/** Typed repositories over one connection. */
export function createStore(db: Db) {
  return {
    db,
    accounts: accountsRepo(db),
    equity: equityRepo(db),
    positions: positionsRepo(db),
    settings: settingsRepo(db),
    activity: activityRepo(db),
  };
}
export type Store = ReturnType<typeof createStore>;
