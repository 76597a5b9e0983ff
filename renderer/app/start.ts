import { connect } from '../api/connection';
import { setApi } from '../api/client';
import { useAppStore } from '../state/appStore';
import { useConnectionStore } from '../state/connectionStore';
import { usePortfolioStore } from '../state/portfolioStore';
import { useRouteStore } from '../state/routeStore';
import { useTradingStore } from '../state/tradingStore';
import { cachedTheme, useSettingsStore } from '../state/settingsStore';
import { onTaskDone, useTasksStore } from '../state/tasksStore';

/** Connects to the engine, wires pushed events into the stores and loads what the frame needs. */
export function start(): void {
  document.documentElement.dataset.theme = cachedTheme();

  // Connect first: it takes the `#token=` fragment before routing rewrites the fragment.
  const connection = useConnectionStore.getState();
  const result = connect({
    onUnauthorized: () => useConnectionStore.getState().setNeedsLink(),
    onEventsStatus: (status) => useConnectionStore.getState().setEvents(status),
    onReconnected: () => refreshAll(),
  });
  useRouteStore.getState().listen();
  if (result.kind === 'needs-link') {
    connection.setNeedsLink();
    return;
  }
  setApi(result.client);
  connection.setShell(result.kind);

  result.client.on('settings.changed', (settings) => {
    useSettingsStore.getState().apply(settings);
    // A saved change of the simulated market's hours applies at once: the badge follows it.
    useAppStore.getState().marketHours(settings.simMarket);
  });
  // Another account became active (here or in another window): every page follows it.
  result.client.on('accounts.changed', (accounts) => {
    useAppStore.getState().applyAccounts(accounts);
    void useAppStore.getState().load();
    usePortfolioStore.getState().changed();
  });
  result.client.on('task.progress', (task) => useTasksStore.getState().apply(task));
  // A fill moves positions, cash and equity: the Portfolio page reloads if it is in use.
  result.client.on('fill.created', () => usePortfolioStore.getState().changed());
  // A long task that finished may have made or changed what the pages show (the demo book of a
  // first start, later a sync): reload them.
  onTaskDone(() => refreshAll());

  void useAppStore.getState().load();
  void useSettingsStore.getState().load();
  void useTasksStore.getState().load();
}

/** After the event stream was down, anything may have changed. */
function refreshAll(): void {
  void useAppStore.getState().load();
  void useSettingsStore.getState().load();
  void useTasksStore.getState().load();
  usePortfolioStore.getState().changed();
  if (useTradingStore.getState().status !== 'idle') void useTradingStore.getState().load();
}
