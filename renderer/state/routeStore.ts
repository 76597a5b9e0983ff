import { create } from 'zustand';
import { DEFAULT_PAGE, hashFor, pageFromHash, type PageId } from '../app/pages';

export interface RouteState {
  page: PageId;
  /** Follows the address bar; call once at start-up. */
  listen(): () => void;
}

function sync(set: (s: Partial<RouteState>) => void): void {
  const page = pageFromHash(window.location.hash);
  if (page) {
    set({ page });
  } else {
    // Unknown or empty fragment: show the default page without adding a history entry.
    window.history.replaceState(window.history.state, '', hashFor(DEFAULT_PAGE));
    set({ page: DEFAULT_PAGE });
  }
}

export const useRouteStore = create<RouteState>()((set) => ({
  page: DEFAULT_PAGE,
  listen() {
    sync(set);
    const onChange = () => sync(set);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  },
}));
