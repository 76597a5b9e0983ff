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
  /** A long report on the batch lane, for checking that it never holds up a query. */
  spinBatch: readTask<{ ms: number }, string>({
    lane: 'batch',
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
  /** Answers, then the thread dies while idle. */
  crashLater: readTask<{ ms: number }, string>({
    run: (_ctx, { ms }) => {
      setTimeout(() => process.exit(2), ms);
      return 'answered';
    },
  }),
  /** An uncaught error after answering: the thread reports 'error' and then 'exit'. */
  throwLater: readTask<Record<string, never>, never>({
    run: () =>
      new Promise<never>(() => {
        setTimeout(() => {
          throw new Error('uncaught in the thread');
        }, 0);
      }),
  }),
  /** Async work that only its signal ends (I/O waiting on an AbortSignal). */
  waitForAbort: readTask<Record<string, never>, string>({
    run: async (ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      ctx.checkpoint();
      return 'not reached';
    },
  }),
  /** Opens the task's database connection. */
  count: readTask<Record<string, never>, number>({
    run: (ctx) => ctx.store.db.prepare('SELECT COUNT(*) FROM settings').pluck().get() as number,
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
