import { EngineError } from '../core/errors';
import type { HandlerTable } from '../core/handler';
import type { Store } from '../store';
import type { TaskRunner } from '../workers/runner';
import type { portfolioTasks } from './tasks';

export function portfolioHandlers(deps: {
  store: Store;
  runner: TaskRunner<typeof portfolioTasks>;
  /** Resolves once the book of a first start exists. */
  ready: (signal: AbortSignal) => Promise<void>;
}): Pick<HandlerTable, 'portfolio.summary'> {
  const { store, runner } = deps;
  return {
    'portfolio.summary': async ({ accountId }, { signal }) => {
      await deps.ready(signal);
      const id = accountId ?? store.accounts.active()?.id;
      if (id === undefined)
        throw new EngineError(
          'not_found',
          'No account is active. Add an account in Settings, or start with an empty data folder to get the demo book.',
        );
      // Checked here, cheaply, so a flood of unknown ids never reaches the worker queue.
      if (!store.accounts.get(id))
        throw new EngineError(
          'not_found',
          `No account with id "${id}". Call accounts.list for the ids there are.`,
        );
      const summary = await runner.run('portfolio.summary', { accountId: id }, { signal });
      if (!summary)
        throw new EngineError('not_found', `The account "${id}" was removed while its summary was made.`);
      return summary;
    },
  };
}
