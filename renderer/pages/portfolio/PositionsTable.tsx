import type { Position } from '../../../main/contract';
import { formatMoney, formatPercent, formatPrice, formatQty, percentText } from '../../format';
import { Signed } from '../../ui/Signed';
import { csvFileName } from '../../ui/table/csv';
import { DataTable, type Column } from '../../ui/table/DataTable';

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
  { id: 'qty', label: 'Qty', sortValue: (p) => p.qty, csvValue: (p) => p.qty, cell: (p) => formatQty(p.qty) },
  {
    id: 'avgEntryPrice',
    label: 'Avg entry',
    sortValue: (p) => p.avgEntryPrice,
    csvValue: (p) => p.avgEntryPrice,
    cell: (p) => formatPrice(p.avgEntryPrice),
  },
  {
    id: 'currentPrice',
    label: 'Price',
    sortValue: (p) => p.currentPrice,
    csvValue: (p) => p.currentPrice,
    cell: (p) => formatPrice(p.currentPrice),
  },
  {
    id: 'marketValue',
    label: 'Market value',
    sortValue: (p) => p.marketValue,
    csvValue: (p) => p.marketValue,
    cell: (p) => formatMoney(p.marketValue),
  },
  {
    id: 'unrealizedPnl',
    label: 'Unrealized P&L',
    sortValue: (p) => p.unrealizedPnl,
    csvValue: (p) => p.unrealizedPnl,
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
