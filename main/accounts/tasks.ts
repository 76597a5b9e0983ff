import { EngineError } from '../core/errors';
import { writeTask } from '../workers/task';

export const accountTasks = {
  /**
   * Makes one account the active one (the one every page shows), in one transaction: the
   * others are cleared first, as at most one may be active (a unique index holds it).
   */
  'accounts.activate': writeTask<{ accountId: string }, void>({
    run: (ctx, { accountId }) => {
      const db = ctx.store.db;
      if (!db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId))
        throw new EngineError(
          'not_found',
          `No account with id "${accountId}". Call accounts.list for the ids there are.`,
        );
      db.prepare('UPDATE accounts SET is_active = 0 WHERE is_active = 1 AND id <> ?').run(accountId);
      db.prepare('UPDATE accounts SET is_active = 1 WHERE id = ?').run(accountId);
    },
  }),
};
