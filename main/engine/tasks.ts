import { accountTasks } from '../accounts/tasks';
import { demoTasks } from '../demo/tasks';
import { portfolioTasks } from '../portfolio/tasks';
import { settingsTasks } from '../settings/tasks';
import { tradingTasks } from '../trading/tasks';
import { simVenueTasks } from '../brokers/sim/sqlite-venue';
import type { Registry } from '../workers/task';

/** Every task the engine runs on its lanes; the worker threads load this same map. */
export const registry = {
  ...accountTasks,
  ...portfolioTasks,
  ...settingsTasks,
  ...demoTasks,
  ...tradingTasks,
  ...simVenueTasks,
} satisfies Registry;
export type EngineRegistry = typeof registry;
