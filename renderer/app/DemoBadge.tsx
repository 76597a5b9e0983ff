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
