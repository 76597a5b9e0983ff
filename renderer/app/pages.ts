/** Every page of the app, in navigation order. Pages without `built` show what they will hold. */
export interface PageDef {
  id: string;
  /** Navigation label. */
  label: string;
  /** Page heading. */
  title: string;
  built?: boolean;
  /** The ROADMAP.md capability that delivers the page. */
  capability?: string;
  /** What the page will hold, in words (no figures until there are real ones). */
  summary?: string;
}

export const PAGES = [
  { id: 'portfolio', label: 'Portfolio', title: 'Portfolio Overview', built: true },
  {
    id: 'projection',
    label: 'Projection',
    title: 'Forward Projection',
    capability: 'Performance analytics',
    summary: 'Growth scenarios and simulated drawdowns, projected from the account’s own return history.',
  },
  {
    id: 'last-run',
    label: 'Last Run',
    title: 'Last Run Analysis',
    capability: 'Trading-record pages',
    summary: 'Any recent run: its strategy signals, target allocations, rebalance plan and executed trades.',
  },
  {
    id: 'trades',
    label: 'Trades',
    title: 'Trade History',
    capability: 'Trading-record pages',
    summary:
      'Every fill, filtered by date, symbol and strategy, with attribution per strategy and per symbol.',
  },
  {
    id: 'strategies',
    label: 'Strategies',
    title: 'Strategy Performance',
    capability: 'Performance analytics',
    summary: 'Per-strategy P&L, win rate and risk, open and closed lots, and attribution coverage.',
  },
  {
    id: 'execution-quality',
    label: 'Execution Quality',
    title: 'Execution Quality',
    capability: 'Trading-record pages',
    summary: 'Transaction-cost analysis: slippage against the quote, spread capture and fill timing.',
  },
  {
    id: 'symbols',
    label: 'Symbols',
    title: 'Symbol Analytics',
    capability: 'Trading-record pages',
    summary:
      'One symbol in depth: the current position, buy and sell statistics, and which strategies traded it.',
  },
  {
    id: 'hedging',
    label: 'Hedging',
    title: 'Options Hedging',
    capability: 'Trading-record pages',
    summary:
      'Hedge positions with days to expiry, the roll schedule, premium spend against its budget, decisions.',
  },
  {
    id: 'charts',
    label: 'Charts',
    title: 'Charts',
    capability: 'Chart workspace',
    summary:
      'Price charts with indicator panes, trade markers, order and position lines, and multi-chart layouts.',
  },
  {
    id: 'trading',
    label: 'Trading',
    title: 'Trading',
    built: true,
  },
  {
    id: 'safety',
    label: 'Safety',
    title: 'Safety',
    capability: 'Webhook → risk → execution',
    summary: 'Pre-trade risk rules and their verdicts, circuit breakers and the kill switch.',
  },
  {
    id: 'webhooks',
    label: 'Webhooks',
    title: 'Webhooks',
    capability: 'Webhook → risk → execution',
    summary: 'TradingView alerts as received, the risk verdict on each, and the orders they became.',
  },
  {
    id: 'data-sync',
    label: 'Data & Sync',
    title: 'Data & Sync',
    capability: 'Sync and credentials',
    summary: 'Sync from DynamoDB and S3 into the local cache, with progress and the age of the data.',
  },
  {
    id: 'settings',
    label: 'Settings',
    title: 'Settings',
    built: true,
    capability: 'Sync and credentials',
    summary: 'Broker credentials in the OS keychain, sync sources and notifications.',
  },
] as const satisfies readonly PageDef[];

export type PageId = (typeof PAGES)[number]['id'];

export const DEFAULT_PAGE: PageId = 'portfolio';

/** `#/trades` → 'trades'; null for anything that is not a page. */
export function pageFromHash(hash: string): PageId | null {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return PAGES.find((p) => p.id === id)?.id ?? null;
}

export function hashFor(id: PageId): string {
  return `#/${id}`;
}

export function pageDef(id: PageId): PageDef {
  return PAGES.find((p) => p.id === id) ?? PAGES[0];
}
