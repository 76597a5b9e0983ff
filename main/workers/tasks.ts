import type { PortfolioSummary } from '../contract/schemas';
import { generateDemoBook, type DemoBookInfo, type DemoSizeName } from '../demo/generate';
import { loadPortfolioSummary } from '../engine/queries';
import type { Store } from '../store';

/**
 * Work heavy enough to leave the engine's event loop: each task is a plain function of a store
 * and a structured-cloneable input, so it runs the same inline (tests) or in a worker thread.
 */
export const tasks = {
  portfolioSummary: (store: Store, input: { accountId: string }): PortfolioSummary | null =>
    loadPortfolioSummary(store, input.accountId),
  generateDemoBook: (store: Store, input: { size: DemoSizeName }): DemoBookInfo | null =>
    generateDemoBook(store.db, input.size),
} as const;

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
export type TaskInput<T extends TaskName> = Parameters<Tasks[T]>[1];
export type TaskOutput<T extends TaskName> = ReturnType<Tasks[T]>;

/** Tasks that write need the read-write connection; the rest may use a read-only one. */
export const writingTasks: ReadonlySet<TaskName> = new Set(['generateDemoBook']);

export interface TaskRunner {
  run<T extends TaskName>(task: T, input: TaskInput<T>): Promise<TaskOutput<T>>;
  close(): Promise<void>;
}

/** Runs tasks on the calling thread with the engine's own store. */
export function inlineRunner(store: Store): TaskRunner {
  return {
    async run(task, input) {
      return (tasks[task] as (s: Store, i: unknown) => never)(store, input);
    },
    async close() {},
  };
}
