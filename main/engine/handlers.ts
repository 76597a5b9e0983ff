import { accountHandlers } from '../accounts/handlers';
import { appHandlers, type ShellKind } from '../app/handlers';
import type { Clock } from '../core/clock';
import type { Settings, SettingsPatch, SimMarketMode } from '../contract/schemas';
import type { Emit, HandlerTable } from '../core/handler';
import { portfolioHandlers } from '../portfolio/handlers';
import { settingsHandlers } from '../settings/handlers';
import { tradingHandlers } from '../trading/handlers';
import type { TradingService } from '../trading/service';
import type { Store } from '../store';
import type { TaskRunner } from '../workers/runner';
import type { FirstStart } from './first-start';
import type { EngineRegistry } from './tasks';

export interface HandlerDeps {
  /** The engine's own read-only connection, for reads too small to leave the event loop. */
  store: Store;
  runner: TaskRunner<EngineRegistry>;
  emit: Emit;
  clock: Clock;
  shell: ShellKind;
  version: string;
  dataDir: string;
  /** The demo book of a first start: data channels wait for it. */
  firstStart: FirstStart;
  /** The trading service once it runs (after the first start), else null. */
  trading: () => TradingService | null;
  /** The simulated market's hours now, when the market is simulated. */
  simMarket: () => SimMarketMode | null;
  /** Settings were saved (the engine applies what the caller changed and affects it, at once). */
  settingsChanged: (next: Settings, patch: SettingsPatch) => void;
  /** Resolves once the book exists and trading (if any) has started. */
  ready: (signal: AbortSignal) => Promise<void>;
  log: (line: string) => void;
}

/** The one handler table behind every transport, put together from each capability's part. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  return {
    ...appHandlers({
      ...deps,
      startup: deps.firstStart.task,
    }),
    ...accountHandlers({ ...deps, brokerFor: (id) => deps.trading()?.connected(id) ?? null }),
    ...portfolioHandlers({ ...deps, ready: deps.firstStart.ready }),
    ...settingsHandlers({ ...deps, changed: deps.settingsChanged }),
    ...tradingHandlers(deps),
  };
}
