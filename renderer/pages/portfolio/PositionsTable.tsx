import type { Position } from '../../../main/contract';
import { formatMoney, formatPercent, formatPrice, formatQty } from '../../format';
import { Signed } from '../../ui/Signed';
import { sortByMarketValue } from './positions';

export function PositionsTable({ positions }: { positions: readonly Position[] }) {
  if (positions.length === 0) {
    return <p className="panel-empty muted">No open positions — the account is all cash.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="grid-table" data-testid="positions-table">
        <thead>
          <tr>
            <th className="left">Symbol</th>
            <th>Qty</th>
            <th>Avg entry</th>
            <th>Price</th>
            <th>Market value</th>
            <th>Unrealized P&amp;L</th>
            <th>Unrealized %</th>
            <th>Weight</th>
          </tr>
        </thead>
        <tbody>
          {sortByMarketValue(positions).map((p) => (
            <tr key={p.symbol} data-testid="position-row" data-symbol={p.symbol}>
              <td className="left symbol">{p.symbol}</td>
              <td>{formatQty(p.qty)}</td>
              <td>{formatPrice(p.avgEntryPrice)}</td>
              <td>{formatPrice(p.currentPrice)}</td>
              <td>{formatMoney(p.marketValue)}</td>
              <td>
                <Signed value={p.unrealizedPnl}>{formatMoney(p.unrealizedPnl)}</Signed>
              </td>
              <td>
                <Signed value={p.unrealizedPnlPct}>{formatPercent(p.unrealizedPnlPct)}</Signed>
              </td>
              <td>{formatPercent(p.weight)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
