import type { ReactNode } from 'react';
import type { PortfolioSummary } from '../../../main/contract';
import { formatMoney, formatPercent, formatRatio, signOf } from '../../format';

interface Metric {
  testId: string;
  label: string;
  value: string;
  /** Colour the value by this sign (1 green, -1 red); 0 leaves it neutral. */
  sign: number;
  note?: ReactNode;
}

function metrics(s: PortfolioSummary): { performance: Metric[]; risk: Metric[] } {
  return {
    performance: [
      {
        testId: 'metric-equity',
        label: 'Current equity',
        value: formatMoney(s.equity),
        sign: 0,
        note: `Cash ${formatMoney(s.cash)}`,
      },
      {
        testId: 'metric-total-pnl',
        label: 'Total P&L',
        value: formatMoney(s.totalPnl),
        sign: signOf(s.totalPnl),
      },
      {
        testId: 'metric-day-pnl',
        label: 'Day P&L',
        value: formatMoney(s.dayPnl),
        sign: signOf(s.dayPnl),
        note: s.asOf ? `Session ${s.asOf}` : undefined,
      },
      {
        testId: 'metric-cumulative-return',
        label: 'Cumulative return',
        value: formatPercent(s.cumulativeReturn),
        sign: signOf(s.cumulativeReturn),
        note: s.firstDate ? `Since ${s.firstDate}` : undefined,
      },
      {
        testId: 'metric-net-deposits',
        label: 'Net deposits',
        value: formatMoney(s.netDeposits),
        sign: 0,
        note: 'Deposits − withdrawals',
      },
    ],
    risk: [
      { testId: 'metric-sharpe', label: 'Sharpe ratio', value: formatRatio(s.sharpe), sign: 0 },
      {
        testId: 'metric-max-drawdown',
        label: 'Max drawdown',
        value: formatPercent(s.maxDrawdown),
        sign: s.maxDrawdown ? -1 : 0,
        note: 'Peak to trough',
      },
      {
        testId: 'metric-volatility',
        label: 'Volatility (annualized)',
        value: formatPercent(s.volatility),
        sign: 0,
      },
      { testId: 'metric-win-rate', label: 'Win rate', value: formatPercent(s.winRate), sign: 0 },
    ],
  };
}

function Card({ m }: { m: Metric }) {
  const tone = m.sign > 0 ? ' pos' : m.sign < 0 ? ' neg' : '';
  return (
    <div className="metric">
      <div className="metric-label">{m.label}</div>
      <div className={`metric-value${tone}`} data-testid={m.testId}>
        {m.value}
      </div>
      <div className="metric-note">{m.note ?? '\u00a0'}</div>
    </div>
  );
}

export function MetricCards({ summary }: { summary: PortfolioSummary }) {
  const { performance, risk } = metrics(summary);
  return (
    <div className="metric-groups">
      <div className="metric-row" aria-label="Performance">
        {performance.map((m) => (
          <Card key={m.testId} m={m} />
        ))}
      </div>
      <div className="metric-row" aria-label="Risk">
        {risk.map((m) => (
          <Card key={m.testId} m={m} />
        ))}
      </div>
    </div>
  );
}
