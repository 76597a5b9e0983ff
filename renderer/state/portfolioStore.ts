import { create } from 'zustand';
import type { PortfolioSummary } from '../../main/contract';
import { api, describeError, type ErrorInfo } from '../api/client';

export interface PortfolioState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  summary: PortfolioSummary | null;
  error: ErrorInfo | null;
  /** True while a refresh runs with the previous summary still on screen. */
  refreshing: boolean;
  load(): Promise<void>;
  /** Reloads after 'portfolio.changed', unless nothing was ever loaded (the page is not in use). */
  changed(): void;
}

let generation = 0;

export const usePortfolioStore = create<PortfolioState>()((set, get) => ({
  status: 'idle',
  summary: null,
  error: null,
  refreshing: false,
  async load() {
    const mine = ++generation;
    set((s) => (s.summary ? { refreshing: true } : { status: 'loading', error: null }));
    try {
      const summary = await api().call('portfolio.summary', {});
      if (mine === generation) set({ status: 'ready', summary, error: null, refreshing: false });
    } catch (err) {
      if (mine === generation) set({ status: 'error', error: describeError(err), refreshing: false });
    }
  },
  changed() {
    // The summary is always of the active account, which may itself have changed: reload.
    if (get().status !== 'idle') void get().load();
  },
}));
