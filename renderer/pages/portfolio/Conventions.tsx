import type { PortfolioSummary } from '../../../main/contract';

const LABELS: Record<keyof PortfolioSummary['conventions'], string> = {
  returns: 'Returns',
  sharpe: 'Sharpe ratio',
  volatility: 'Volatility',
  maxDrawdown: 'Max drawdown',
  winRate: 'Win rate',
};

/** The engine's own statement of how each figure is computed. */
export function Conventions({ conventions }: { conventions: PortfolioSummary['conventions'] }) {
  return (
    <details className="panel conventions" data-testid="conventions">
      <summary>How these are computed</summary>
      <dl>
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => (
          <div key={key} className="convention">
            <dt>{LABELS[key]}</dt>
            <dd>{conventions[key]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
