import type { HandlerTable } from '../core/handler';
import type { Store } from '../store';
import { toAccount } from './account';

export function accountHandlers(deps: { store: Store }): Pick<HandlerTable, 'accounts.list'> {
  return { 'accounts.list': () => deps.store.accounts.list().map(toAccount) };
}
