import type { PortfolioSummary } from '../contract/schemas';
import { readTask } from '../workers/task';
import { loadPortfolioSummary } from './summary';

export const portfolioTasks = {
  /** A full summary reads the whole equity history and every position: off the event loop. */
  'portfolio.summary': readTask<{ accountId: string }, PortfolioSummary | null>({
    run: (ctx, { accountId }) => loadPortfolioSummary(ctx.store, accountId),
  }),
};
