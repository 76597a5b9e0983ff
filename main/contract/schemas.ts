import { z } from 'zod';
import { AccountMode, Broker, Decimal, Id, IsoDate, IsoInstant } from './primitives';
import { AccountTrading } from './trading';

/** The simulated market's hours: NYSE sessions, or open evenings and weekends (for demos). */
export const SimMarketMode = z.enum(['sessions', 'always']);
export type SimMarketMode = z.infer<typeof SimMarketMode>;

export const TaskState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** A long piece of work (demo generation, later sync, reports, backtests) and how far it got. */
export const TaskInfo = z.object({
  id: z.string(),
  /** What runs, e.g. "demo.generate". */
  task: z.string(),
  lane: z.enum(['interactive', 'batch', 'write']),
  state: TaskState,
  /** Units done of total (their meaning is the task's: days, pages, items); null before any report. */
  done: z.number().nullable(),
  total: z.number().nullable(),
  message: z.string().nullable(),
  /** Why it failed or was cancelled. */
  error: z.string().nullable(),
  queuedAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type TaskInfo = z.infer<typeof TaskInfo>;

export const AppInfo = z.object({
  name: z.literal('Keel'),
  version: z.string(),
  /** 'desktop' inside Electron, 'headless' under `keel serve`. */
  shell: z.enum(['desktop', 'headless']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  /** True while the active account's book is generated demo data. */
  demo: z.boolean(),
  demoAsOf: IsoDate.nullable(),
  /**
   * What a first start is still preparing (the demo book), with its progress — or why it failed.
   * Null once it is done, and on every later start. Pages wait for their data meanwhile.
   */
  startup: TaskInfo.nullable(),
  /**
   * The simulated market's hours when one runs: 'sessions' follows the NYSE calendar, 'always'
   * keeps it open evenings and weekends (labelled on every page, as it is not the real market).
   */
  simMarket: SimMarketMode.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Account = z.object({
  id: Id,
  name: z.string(),
  broker: Broker,
  mode: AccountMode,
  currency: z.literal('USD'),
  active: z.boolean(),
  /** Null while no broker is connected for the account (it can be reviewed, not traded). */
  trading: AccountTrading.nullable(),
});
export type Account = z.infer<typeof Account>;

export const Position = z.object({
  symbol: z.string(),
  assetClass: z.enum(['us_equity', 'us_option', 'crypto']),
  qty: Decimal,
  avgEntryPrice: Decimal,
  currentPrice: Decimal,
  marketValue: Decimal,
  costBasis: Decimal,
  unrealizedPnl: Decimal,
  /** Fraction: 0.05 = +5 %. */
  unrealizedPnlPct: z.number().nullable(),
  /** Share of account equity, fraction. */
  weight: z.number().nullable(),
});
export type Position = z.infer<typeof Position>;

export const EquityPoint = z.object({ date: IsoDate, equity: z.number() });
export const DailyPnlPoint = z.object({ date: IsoDate, pnl: z.number() });

export const YearlyReturn = z.object({
  year: z.number().int(),
  /** Time-weighted return of the year (its daily returns compounded), fraction. */
  return: z.number(),
  pnl: Decimal,
});
export type YearlyReturn = z.infer<typeof YearlyReturn>;

export const MonthlyReturn = z.object({
  year: z.number().int(),
  month: z.number().int().min(1).max(12),
  /** Time-weighted return of the month, fraction. */
  return: z.number(),
  pnl: Decimal,
  deposits: Decimal,
  withdrawals: Decimal,
});
export type MonthlyReturn = z.infer<typeof MonthlyReturn>;

/** The stated conventions behind every figure, so a page can show how it was computed. */
export const MetricConventions = z.object({
  returns: z.string(),
  sharpe: z.string(),
  volatility: z.string(),
  maxDrawdown: z.string(),
  winRate: z.string(),
});

export const PortfolioSummary = z.object({
  account: Account,
  asOf: IsoDate.nullable(),
  firstDate: IsoDate.nullable(),
  tradingDays: z.number().int(),
  equity: Decimal,
  cash: Decimal,
  netDeposits: Decimal,
  totalPnl: Decimal,
  dayPnl: Decimal.nullable(),
  cumulativeReturn: z.number().nullable(),
  sharpe: z.number().nullable(),
  /** Largest peak-to-trough fall of the time-weighted index, as a positive fraction. */
  maxDrawdown: z.number().nullable(),
  volatility: z.number().nullable(),
  winRate: z.number().nullable(),
  positions: z.array(Position),
  equityCurve: z.array(EquityPoint),
  dailyPnl: z.array(DailyPnlPoint),
  monthlyReturns: z.array(MonthlyReturn),
  yearlyReturns: z.array(YearlyReturn),
  activity: z.object({
    fills: z.number().int(),
    orders: z.number().int(),
    strategies: z.number().int(),
    symbols: z.number().int(),
  }),
  conventions: MetricConventions,
});
export type PortfolioSummary = z.infer<typeof PortfolioSummary>;

export const Theme = z.enum(['dark', 'light']);
export type Theme = z.infer<typeof Theme>;

export const Settings = z.object({
  theme: Theme,
  /** The hours the simulated market keeps, when the market is simulated (`keel serve --sim-market` overrides it for one run). */
  simMarket: SimMarketMode,
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
