import type { Broker } from '../brokers/port';
import type { HandlerTable } from '../core/handler';
import type { Store } from '../store';
import { toAccount } from './account';

export function accountHandlers(deps: {
  store: Store;
  /** Resolves once the book of a first start exists. */
  ready: (signal: AbortSignal) => Promise<void>;
  /** The broker connected for an account, if any (trading may still be starting). */
  brokerFor: (accountId: string) => Broker | null;
}): Pick<HandlerTable, 'accounts.list'> {
  return {
    'accounts.list': async (_req, { signal }) => {
      await deps.ready(signal);
      return deps.store.accounts.list().map((row) => toAccount(row, deps.brokerFor(row.id)));
    },
  };
}
