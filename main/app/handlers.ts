import type { TaskInfo as TaskInfoDto } from '../contract/schemas';
import type { HandlerTable } from '../core/handler';
import { DEMO_SETTING_KEY, type DemoBookInfo } from '../demo/generate';
import type { Store } from '../store';
import { schemaVersion } from '../store/migrate';
import type { TaskInfo, TaskRunner } from '../workers/runner';

export type ShellKind = 'desktop' | 'headless';

/** A tracked task as the contract shows it. */
export function toTaskDto(t: TaskInfo): TaskInfoDto {
  return {
    id: t.id,
    task: t.task,
    lane: t.lane,
    state: t.state,
    done: t.progress?.done ?? null,
    total: t.progress?.total ?? null,
    message: t.progress?.message ?? null,
    error: t.error,
    queuedAt: new Date(t.queuedAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

export function appHandlers(deps: {
  store: Store;
  runner: Pick<TaskRunner, 'tracked' | 'cancel'>;
  shell: ShellKind;
  version: string;
  dataDir: string;
  /** What a first start is still preparing, if anything. */
  startup: () => TaskInfoDto | null;
  /** The simulated market's mode, while one runs. */
  simMarket: () => 'sessions' | 'always' | null;
}): Pick<HandlerTable, 'app.info' | 'tasks.list' | 'tasks.cancel'> {
  const { store, runner } = deps;
  return {
    'app.info': () => {
      const active = store.accounts.active();
      const demo = active?.mode === 'demo';
      return {
        name: 'Keel',
        version: deps.version,
        shell: deps.shell,
        dataDir: deps.dataDir,
        schemaVersion: schemaVersion(store.db),
        demo,
        demoAsOf: demo ? (demoInfo(store)?.asOf ?? null) : null,
        startup: deps.startup(),
        simMarket: deps.simMarket(),
      };
    },
    'tasks.list': () => runner.tracked().map(toTaskDto),
    'tasks.cancel': ({ id }) => ({ cancelled: runner.cancel(id) }),
  };
}

function demoInfo(store: Store): DemoBookInfo | null {
  const raw = store.settings.getRaw(DEMO_SETTING_KEY);
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as DemoBookInfo;
  } catch {
    return null;
  }
}
