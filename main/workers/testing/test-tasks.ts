import { threadId } from 'node:worker_threads';
import { EngineError } from '../../core/errors';
import { readTask, writeTask, type Registry } from '../task';

/** Tasks that behave in the ways the pool and runner must survive. */
export const testTasks = {
  echo: readTask<{ value: unknown }, unknown>({ run: (_ctx, { value }) => value }),
  thread: readTask<Record<string, never>, number>({ run: () => threadId }),
  fail: readTask<{ message: string; code?: 'not_found' | 'conflict' }, never>({
    run: (_ctx, { message, code }) => {
      throw code ? new EngineError(code, message) : new Error(message);
    },
  }),
  /** A synchronous loop that only a checkpoint can stop (or `ms` passing). */
  spin: readTask<{ ms: number }, string>({
    run: (ctx, { ms }) => {
      const end = performance.now() + ms;
      while (performance.now() < end) ctx.checkpoint();
      return 'spun';
    },
  }),
  /** Ignores every stop request: only killing its thread stops it. */
  stubborn: readTask<{ ms: number }, string>({
    run: (_ctx, { ms }) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // no checkpoint
      }
      return 'finished anyway';
    },
  }),
  crash: readTask<{ code: number }, never>({
    run: (_ctx, { code }) => process.exit(code),
  }),
  progress: readTask<{ steps: number }, number>({
    run: (ctx, { steps }) => {
      for (let i = 1; i <= steps; i++) ctx.progress(i, steps, `step ${i}`);
      return steps;
    },
  }),
  async: readTask<{ value: number }, number>({
    run: async (ctx, { value }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ctx.checkpoint();
      return value * 2;
    },
  }),
  uncloneable: readTask<Record<string, never>, unknown>({ run: () => ({ fn: () => 1 }) }),
  save: writeTask<{ key: string; value: unknown }, number>({
    run: (ctx, { key, value }) => {
      ctx.store.settings.set(key, value, 0);
      return ctx.store.db.pragma('synchronous', { simple: true }) as number;
    },
  }),
  saveBulk: writeTask<{ key: string; value: unknown }, number>({
    durability: 'normal',
    run: (ctx, { key, value }) => {
      ctx.store.settings.set(key, value, 0);
      return ctx.store.db.pragma('synchronous', { simple: true }) as number;
    },
  }),
  saveThenFail: writeTask<{ key: string }, never>({
    run: (ctx, { key }) => {
      ctx.store.settings.set(key, 'half-made', 0);
      throw new Error('failed after writing');
    },
  }),
  /** Reads with the task's own connection: a read-only one must refuse. */
  writeFromRead: readTask<{ key: string }, void>({
    run: (ctx, { key }) => ctx.store.settings.set(key, 'sneaky', 0),
  }),
} satisfies Registry;
