import { create } from 'zustand';
import type { Account, AppInfo } from '../../main/contract';
import { api, describeError, type ErrorInfo } from '../api/client';

export interface AppState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  info: AppInfo | null;
  accounts: Account[];
  error: ErrorInfo | null;
  load(): Promise<void>;
  /** Makes an account the active one; every page then shows it. False (with `error`) when refused. */
  activate(accountId: string): Promise<boolean>;
  /** The accounts the engine announced (the 'accounts.changed' event). */
  applyAccounts(accounts: Account[]): void;
  /** The simulated market now keeps these hours (when a simulated market runs at all). */
  marketHours(mode: NonNullable<AppInfo['simMarket']>): void;
}

let generation = 0;

/** What the frame shows on every page: app info (demo flag) and the accounts. */
export const useAppStore = create<AppState>()((set) => ({
  status: 'idle',
  info: null,
  accounts: [],
  error: null,
  async load() {
    const mine = ++generation;
    set((s) => ({ status: s.info ? s.status : 'loading' }));
    try {
      // App info first: it answers at once, while accounts wait for a first start's demo book.
      const info = await api().call('app.info', {});
      if (mine === generation) set({ status: 'ready', info, error: null });
      const accounts = await api().call('accounts.list', {});
      if (mine === generation) set({ accounts });
    } catch (err) {
      if (mine === generation) set({ status: 'error', error: describeError(err) });
    }
  },
  async activate(accountId) {
    try {
      set({ accounts: await api().call('accounts.activate', { accountId }), error: null });
      // The frame's demo label follows the active account.
      set({ info: await api().call('app.info', {}) });
      return true;
    } catch (err) {
      set({ error: describeError(err) });
      return false;
    }
  },
  applyAccounts(accounts) {
    set({ accounts });
  },
  marketHours(mode) {
    set((s) => (s.info?.simMarket ? { info: { ...s.info, simMarket: mode } } : {}));
  },
}));

/** The account the engine treats as active (the first one if none is flagged). */
export function activeAccount(accounts: Account[]): Account | null {
  return accounts.find((a) => a.active) ?? accounts[0] ?? null;
}
