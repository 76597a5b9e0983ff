import { create } from 'zustand';
import type { SocketStatus } from '../api/eventSocket';

export interface ConnectionState {
  /** 'needs-link' when the headless page has no token or the engine rejected it. */
  access: 'ok' | 'needs-link';
  shell: 'desktop' | 'headless' | null;
  /** Pushed-event channel; always 'open' in the desktop app (IPC does not drop). */
  events: SocketStatus;
  setNeedsLink(): void;
  setShell(shell: 'desktop' | 'headless'): void;
  setEvents(status: SocketStatus): void;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  access: 'ok',
  shell: null,
  events: 'connecting',
  setNeedsLink: () => set({ access: 'needs-link' }),
  setShell: (shell) => set(shell === 'desktop' ? { shell, events: 'open' } : { shell }),
  setEvents: (events) => set({ events }),
}));
