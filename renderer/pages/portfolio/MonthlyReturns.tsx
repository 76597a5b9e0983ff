import type { CSSProperties } from 'react';
import type { MonthlyReturn, YearlyReturn } from '../../../main/contract';
import { formatMoney, formatPercent, signOf } from '../../format';
import { buildMonthlyGrid, heat, MONTH_NAMES } from './monthlyGrid';

function cellStyle(fraction: number | null): CSSProperties {
  return { '--heat': heat(fraction).toFixed(3) } as CSSProperties;
}

function toneClass(fraction: number | null): string {
  const sign = signOf(fraction);
  return sign > 0 ? 'heat heat-pos' : sign < 0 ? 'heat heat-neg' : 'heat';
}

function monthTitle(m: MonthlyReturn): string {
  return `P&L ${formatMoney(m.pnl)} · deposits ${formatMoney(m.deposits)} · withdrawals ${formatMoney(m.withdrawals)}`;
}

/** Years down, months across, the year's return at the end; cells tinted by sign and size. */
export function MonthlyReturns({
  returns,
  years,
}: {
  returns: readonly MonthlyReturn[];
  years: readonly YearlyReturn[];
}) {
  const rows = buildMonthlyGrid(returns, years);
  if (rows.length === 0) return <p className="panel-empty muted">No complete month of history yet.</p>;
  return (
    <div className="table-scroll">
      <table className="grid-table monthly-table" data-testid="monthly-returns">
        <thead>
          <tr>
            <th className="left">Year</th>
            {MONTH_NAMES.map((name) => (
              <th key={name}>{name}</th>
            ))}
            <th className="year-col">Year</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.year} data-year={row.year}>
              <th className="left" scope="row">
                {row.year}
              </th>
              {row.months.map((m, i) =>
                m ? (
                  <td
                    key={i}
                    className={toneClass(m.return)}
                    style={cellStyle(m.return)}
                    title={monthTitle(m)}
                  >
                    {formatPercent(m.return)}
                  </td>
                ) : (
                  <td key={i} className="heat-none" />
                ),
              )}
              <td className={`year-col ${toneClass(row.yearReturn)}`} style={cellStyle(row.yearReturn)}>
                {formatPercent(row.yearReturn)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
