import { writeTask } from '../workers/task';
import { generateDemoBook, type DemoBookInfo, type DemoSizeName } from './generate';

export const demoTasks = {
  /**
   * The demo book of a first start: one long write (seconds; a minute for the large book) that
   * reports progress and can be cancelled, in which case nothing of it is kept. Its data can be
   * made again from the seed, so it is not fsynced commit by commit.
   */
  'demo.generate': writeTask<{ size: DemoSizeName }, DemoBookInfo | null>({
    tracked: true,
    durability: 'normal',
    priority: 'bulk',
    timeoutMs: Number.POSITIVE_INFINITY,
    run: (ctx, { size }) =>
      generateDemoBook(ctx.store.db, size, undefined, { progress: ctx.progress, checkpoint: ctx.checkpoint }),
  }),
};
