import { useEffect } from 'react';
import type { PortfolioSummary } from '../../../main/contract';
import { formatCount, formatMoney } from '../../format';
import { usePortfolioStore } from '../../state/portfolioStore';
import { Panel } from '../../ui/Panel';
import { ErrorPanel, LoadingPanel } from '../../ui/StatePanels';
import { Conventions } from './Conventions';
import { DailyPnlChart } from './DailyPnlChart';
import { EquityChart } from './EquityChart';
import { MetricCards } from './MetricCards';
import { MonthlyReturns } from './MonthlyReturns';
import { PositionsTable } from './PositionsTable';

function isEmptyAccount(s: PortfolioSummary): boolean {
  return s.tradingDays === 0 && s.equityCurve.length === 0 && s.positions.length === 0;
}

function range(points: readonly { date: string }[]): string | undefined {
  const first = points[0]?.date;
  const last = points[points.length - 1]?.date;
  return first && last ? `${first} → ${last}` : undefined;
}

export function PortfolioPage() {
  const status = usePortfolioStore((s) => s.status);
  const summary = usePortfolioStore((s) => s.summary);
  const error = usePortfolioStore((s) => s.error);
  const refreshing = usePortfolioStore((s) => s.refreshing);
  const load = usePortfolioStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page" data-testid="portfolio-page">
      <header className="page-header">
        <h1>Portfolio Overview</h1>
        {summary && (
          <div className="page-meta">
            <span>{summary.account.name}</span>
            {summary.asOf && <span>As of {summary.asOf}</span>}
            {summary.tradingDays > 0 && <span>{formatCount(summary.tradingDays)} trading days</span>}
          </div>
        )}
        <div className="page-actions">
          <button
            type="button"
            className="button-small"
            onClick={() => void load()}
            disabled={status === 'loading' || refreshing}
          >
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>

      {!summary && (status === 'loading' || status === 'idle') && <LoadingPanel what="the portfolio" />}
      {!summary && status === 'error' && error && (
        <ErrorPanel title="Could not load the portfolio" error={error} onRetry={() => void load()} />
      )}
      {summary && error && (
        <div className="banner banner-error" role="alert">
          Refresh failed: {error.message} Showing the previous figures. {error.hint}
        </div>
      )}
      {summary && isEmptyAccount(summary) && <EmptyAccount summary={summary} />}
      {summary && !isEmptyAccount(summary) && <Overview summary={summary} />}
    </section>
  );
}

function EmptyAccount({ summary }: { summary: PortfolioSummary }) {
  return (
    <div className="panel state-panel" data-testid="empty-account">
      <h2>No history yet for {summary.account.name}</h2>
      <p className="muted">
        The account has no sessions, fills or positions, so there is nothing to measure. Cash on hand:{' '}
        {formatMoney(summary.cash)}. Figures appear here once the account has trading history.
      </p>
    </div>
  );
}

function Overview({ summary }: { summary: PortfolioSummary }) {
  const { activity } = summary;
  return (
    <>
      <MetricCards summary={summary} />
      <div className="chart-grid">
        <Panel title="Equity curve" aside={range(summary.equityCurve)}>
          <EquityChart points={summary.equityCurve} />
        </Panel>
        <Panel title="Daily P&L" aside={range(summary.dailyPnl)}>
          <DailyPnlChart points={summary.dailyPnl} />
        </Panel>
      </div>
      <Panel
        title="Current positions"
        aside={`${summary.positions.length} open · largest exposure first · cash ${formatMoney(summary.cash)}`}
      >
        <PositionsTable positions={summary.positions} account={summary.account.name} />
      </Panel>
      <Panel title="Monthly returns" aside="Time-weighted · year compounded">
        <MonthlyReturns
          returns={summary.monthlyReturns}
          years={summary.yearlyReturns}
          account={summary.account.name}
        />
      </Panel>
      <div className="activity muted" data-testid="activity">
        {formatCount(activity.fills)} fills · {formatCount(activity.orders)} orders ·{' '}
        {formatCount(activity.strategies)} strategies · {formatCount(activity.symbols)} symbols
      </div>
      <Conventions conventions={summary.conventions} />
    </>
  );
}
