import type { Position } from '../../../main/contract';
import { formatMoney, formatPercent, formatPrice, formatQty, percentText } from '../../format';
import { Signed } from '../../ui/Signed';
import { csvFileName } from '../../ui/table/csv';
import { DataTable, type Column } from '../../ui/table/DataTable';

/** A column of one of the engine's decimal strings: sorted exactly, exported as given. */
function decimalColumn(
  id: string,
  label: string,
  of: (p: Position) => string,
  format: (value: string) => string,
): Column<Position> {
  return { id, label, sortValue: of, csvValue: of, cell: (p) => format(of(p)) };
}

/** The columns of the positions table; the CSV carries the engine's exact decimals. */
export const POSITION_COLUMNS: readonly Column<Position>[] = [
  {
    id: 'symbol',
    label: 'Symbol',
    align: 'left',
    firstDirection: 'asc',
    sortValue: (p) => p.symbol,
    csvValue: (p) => p.symbol,
    cell: (p) => p.symbol,
    cellClass: () => 'symbol',
  },
  decimalColumn('qty', 'Qty', (p) => p.qty, formatQty),
  decimalColumn('avgEntryPrice', 'Avg entry', (p) => p.avgEntryPrice, formatPrice),
  decimalColumn('currentPrice', 'Price', (p) => p.currentPrice, formatPrice),
  decimalColumn('marketValue', 'Market value', (p) => p.marketValue, formatMoney),
  {
    ...decimalColumn('unrealizedPnl', 'Unrealized P&L', (p) => p.unrealizedPnl, formatMoney),
    cell: (p) => <Signed value={p.unrealizedPnl}>{formatMoney(p.unrealizedPnl)}</Signed>,
  },
  {
    id: 'unrealizedPnlPct',
    label: 'Unrealized %',
    sortValue: (p) => p.unrealizedPnlPct,
    csvValue: (p) => percentText(p.unrealizedPnlPct),
    cell: (p) => <Signed value={p.unrealizedPnlPct}>{formatPercent(p.unrealizedPnlPct)}</Signed>,
  },
  {
    id: 'weight',
    label: 'Weight',
    csvLabel: 'Weight %',
    sortValue: (p) => p.weight,
    csvValue: (p) => percentText(p.weight),
    cell: (p) => formatPercent(p.weight),
  },
];

/** Open positions in the engine's order (largest exposure first, shorts by their size) until sorted. */
export function PositionsTable({ positions, account }: { positions: readonly Position[]; account: string }) {
  if (positions.length === 0) {
    return <p className="panel-empty muted">No open positions — the account is all cash.</p>;
  }
  return (
    <DataTable
      rows={positions}
      columns={POSITION_COLUMNS}
      rowKey={(p) => p.symbol}
      rowAttributes={(p) => ({ 'data-testid': 'position-row', 'data-symbol': p.symbol })}
      testId="positions-table"
      csvFileName={csvFileName('positions', account)}
    />
  );
}
