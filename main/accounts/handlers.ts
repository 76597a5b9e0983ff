import type { Broker } from '../brokers/port';
import type { Emit, HandlerTable } from '../core/handler';
import type { Store } from '../store';
import type { TaskRunner } from '../workers/runner';
import { toAccount } from './account';
import type { accountTasks } from './tasks';

export function accountHandlers(deps: {
  store: Store;
  /** Resolves once the book of a first start exists. */
  ready: (signal: AbortSignal) => Promise<void>;
  /** The broker connected for an account, if any (trading may still be starting). */
  brokerFor: (accountId: string) => Broker | null;
  runner: TaskRunner<typeof accountTasks>;
  emit: Emit;
}): Pick<HandlerTable, 'accounts.list' | 'accounts.activate'> {
  const list = () => deps.store.accounts.list().map((row) => toAccount(row, deps.brokerFor(row.id)));
  return {
    'accounts.list': async (_req, { signal }) => {
      await deps.ready(signal);
      return list();
    },
    'accounts.activate': async ({ accountId }, { signal }) => {
      await deps.ready(signal);
      await deps.runner.run('accounts.activate', { accountId }, { signal });
      const accounts = list();
      deps.emit('accounts.changed', accounts);
      return accounts;
    },
  };
}
