import type { Fill, Order, Position, Quote } from '../../../main/contract';
import { formatMoney, formatPrice, formatQty } from '../../format';
import { mid, mul, sub } from '../../money';
import { Signed } from '../../ui/Signed';
import type { Column } from '../../ui/table/DataTable';

const text = <R,>(id: string, label: string, of: (r: R) => string, left = true): Column<R> => ({
  id,
  label,
  ...(left ? { align: 'left' as const, firstDirection: 'asc' as const } : {}),
  sortValue: of,
  csvValue: of,
  cell: of,
});

const decimal = <R,>(
  id: string,
  label: string,
  of: (r: R) => string | null,
  format: (v: string) => string,
): Column<R> => ({
  id,
  label,
  sortValue: of,
  csvValue: of,
  cell: (r) => {
    const v = of(r);
    return v === null ? '—' : format(v);
  },
});

export const QUOTE_COLUMNS: readonly Column<Quote>[] = [
  { ...text<Quote>('symbol', 'Symbol', (q) => q.symbol), cellClass: () => 'symbol' },
  decimal<Quote>('bid', 'Bid', (q) => q.bid, formatPrice),
  decimal<Quote>('ask', 'Ask', (q) => q.ask, formatPrice),
  {
    id: 'bidSize',
    label: 'Bid size',
    sortValue: (q) => q.bidSize,
    csvValue: (q) => q.bidSize,
    cell: (q) => q.bidSize,
  },
  {
    id: 'askSize',
    label: 'Ask size',
    sortValue: (q) => q.askSize,
    csvValue: (q) => q.askSize,
    cell: (q) => q.askSize,
  },
  decimal<Quote>('spread', 'Spread', (q) => sub(q.ask, q.bid), formatMoney),
];

/** A position marked at the latest quote's mid (its last price when there is no quote yet). */
export interface LivePosition extends Position {
  mark: string;
  livePnl: string | null;
}

export function livePositions(positions: readonly Position[], quotes: Record<string, Quote>): LivePosition[] {
  return positions.map((p) => {
    const q = quotes[p.symbol];
    const mark = (q && mid(q.bid, q.ask)) ?? p.currentPrice;
    const perShare = sub(mark, p.avgEntryPrice);
    const multiplier = p.assetClass === 'us_option' ? '100' : '1';
    const pnl = perShare && mul(perShare, p.qty);
    return { ...p, mark, livePnl: pnl && mul(pnl, multiplier) };
  });
}

export const POSITION_COLUMNS: readonly Column<LivePosition>[] = [
  { ...text<LivePosition>('symbol', 'Symbol', (p) => p.symbol), cellClass: () => 'symbol' },
  decimal<LivePosition>('qty', 'Qty', (p) => p.qty, formatQty),
  decimal<LivePosition>('avg', 'Avg entry', (p) => p.avgEntryPrice, formatPrice),
  decimal<LivePosition>('mark', 'Mark', (p) => p.mark, formatPrice),
  {
    ...decimal<LivePosition>('pnl', 'Unrealized P&L', (p) => p.livePnl, formatMoney),
    cell: (p) => <Signed value={p.livePnl}>{formatMoney(p.livePnl)}</Signed>,
  },
];

const time = (iso: string) => iso.slice(11, 19);

/** Actions a working order offers in the blotter (null for finished orders). */
export interface OrderActions {
  cancel: (o: Order) => void;
  /** Null when the broker cannot replace orders. */
  replace: ((o: Order) => void) | null;
}

export function orderColumns(actions: OrderActions | null): readonly Column<Order>[] {
  const cols: Column<Order>[] = [
    text<Order>('submitted', 'Time', (o) => o.submittedAt),
    { ...text<Order>('symbol', 'Symbol', (o) => o.symbol), cellClass: () => 'symbol' },
    text<Order>('side', 'Side', (o) => o.side),
    text<Order>('type', 'Type', (o) => o.type.replace('_', ' ')),
    text<Order>('tif', 'TIF', (o) => o.timeInForce.toUpperCase()),
    decimal<Order>('qty', 'Qty', (o) => o.qty, formatQty),
    decimal<Order>('filled', 'Filled', (o) => o.filledQty, formatQty),
    decimal<Order>('limit', 'Limit', (o) => o.limitPrice, formatPrice),
    decimal<Order>('stop', 'Stop', (o) => o.stopPrice, formatPrice),
    decimal<Order>('avg', 'Avg fill', (o) => o.avgFillPrice, formatPrice),
    {
      ...text<Order>('status', 'Status', (o) => o.status.replace('_', ' ')),
      cellTitle: (o) => o.rejectReason ?? undefined,
    },
  ];
  cols[0] = { ...cols[0]!, cell: (o) => time(o.submittedAt) };
  if (actions)
    cols.push({
      id: 'actions',
      label: '',
      sortValue: () => null,
      csvValue: () => null,
      cell: (o) => (
        <span className="row-actions">
          {actions.replace && (
            <button
              type="button"
              className="link-button"
              onClick={() => actions.replace!(o)}
              data-testid="replace-order"
            >
              Replace
            </button>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => actions.cancel(o)}
            data-testid="cancel-order"
          >
            Cancel
          </button>
        </span>
      ),
    });
  return cols;
}

export const FILL_COLUMNS: readonly Column<Fill>[] = [
  { ...text<Fill>('time', 'Time', (f) => f.filledAt), cell: (f) => time(f.filledAt) },
  { ...text<Fill>('symbol', 'Symbol', (f) => f.symbol), cellClass: () => 'symbol' },
  text<Fill>('side', 'Side', (f) => f.side),
  decimal<Fill>('qty', 'Qty', (f) => f.qty, formatQty),
  decimal<Fill>('price', 'Price', (f) => f.price, formatPrice),
  decimal<Fill>('fee', 'Fees', (f) => f.fee, formatMoney),
  text<Fill>('execution', 'Execution id', (f) => f.executionId),
];
