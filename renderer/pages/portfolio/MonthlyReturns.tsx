import { useMemo, type CSSProperties } from 'react';
import type { MonthlyReturn, YearlyReturn } from '../../../main/contract';
import { formatMoney, formatPercent, percentText, signOf } from '../../format';
import { csvFileName } from '../../ui/table/csv';
import { DataTable, type Column } from '../../ui/table/DataTable';
import { buildMonthlyGrid, heat, MONTH_NAMES, type MonthlyRow } from './monthlyGrid';

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

function monthColumn(name: string, index: number): Column<MonthlyRow> {
  const of = (row: MonthlyRow) => row.months[index] ?? null;
  return {
    id: `m${index + 1}`,
    label: name,
    csvLabel: `${name} %`,
    sortValue: (row) => of(row)?.return ?? null,
    csvValue: (row) => percentText(of(row)?.return),
    cell: (row) => {
      const m = of(row);
      return m ? formatPercent(m.return) : '';
    },
    cellClass: (row) => {
      const m = of(row);
      return m ? toneClass(m.return) : 'heat-none';
    },
    cellStyle: (row) => {
      const m = of(row);
      return m ? cellStyle(m.return) : undefined;
    },
    cellTitle: (row) => {
      const m = of(row);
      return m ? monthTitle(m) : undefined;
    },
  };
}

/** Year, the twelve months, then the year's compounded return. */
export const MONTHLY_COLUMNS: readonly Column<MonthlyRow>[] = [
  {
    id: 'year',
    label: 'Year',
    sortLabel: 'year',
    align: 'left',
    rowHeader: true,
    sortValue: (row) => row.year,
    csvValue: (row) => row.year,
    cell: (row) => row.year,
  },
  ...MONTH_NAMES.map(monthColumn),
  {
    id: 'yearReturn',
    label: 'Year',
    csvLabel: 'Year %',
    sortLabel: 'the year’s return',
    headerClass: 'year-col',
    sortValue: (row) => row.yearReturn,
    csvValue: (row) => percentText(row.yearReturn),
    cell: (row) => formatPercent(row.yearReturn),
    cellClass: (row) => `year-col ${toneClass(row.yearReturn)}`,
    cellStyle: (row) => cellStyle(row.yearReturn),
  },
];

/** Years down, months across, the year's return at the end; cells tinted by sign and size. */
export function MonthlyReturns({
  returns,
  years,
  account,
}: {
  returns: readonly MonthlyReturn[];
  years: readonly YearlyReturn[];
  account: string;
}) {
  const rows = useMemo(() => buildMonthlyGrid(returns, years), [returns, years]);
  if (rows.length === 0) return <p className="panel-empty muted">No complete month of history yet.</p>;
  return (
    <DataTable
      rows={rows}
      columns={MONTHLY_COLUMNS}
      rowKey={(row) => String(row.year)}
      rowAttributes={(row) => ({ 'data-year': String(row.year) })}
      testId="monthly-returns"
      className="monthly-table"
      csvFileName={csvFileName('monthly returns', account)}
    />
  );
}
