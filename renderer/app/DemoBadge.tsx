import type { AppInfo } from '../../main/contract';

/** Shown on every page while the book is generated demo data. */
export function DemoBadge({ info }: { info: AppInfo }) {
  if (!info.demo) return null;
  const text = info.demoAsOf
    ? `Generated demo book as of ${info.demoAsOf} — not real trading data`
    : 'Generated demo book — not real trading data';
  return (
    <div className="demo-badge" data-testid="demo-badge" title={text} role="status">
      <span className="demo-badge-label">DEMO DATA</span>
      <span className="demo-badge-text">{text}</span>
    </div>
  );
}

/** Shown on every page while the market is simulated, saying which hours it keeps. */
export function SimMarketBadge({ info }: { info: AppInfo }) {
  if (!info.simMarket) return null;
  const always = info.simMarket === 'always';
  const text = always
    ? 'Simulated market, open around the clock (Settings → Simulated market, or --sim-market) — not the real session'
    : 'Simulated market on NYSE hours';
  return (
    <div
      className={`sim-badge${always ? ' sim-badge-always' : ''}`}
      data-testid="sim-market-badge"
      title={text}
    >
      {always ? 'SIM MARKET · ALWAYS OPEN' : 'SIM MARKET · NYSE HOURS'}
    </div>
  );
}
