import { describe, expect, it } from 'vitest';
import type { Position } from '../../../main/contract';
import { orderRows, tableCsv } from '../../ui/table/DataTable';
import { POSITION_COLUMNS } from './PositionsTable';

function position(symbol: string, qty: string, price: string, pct: number | null): Position {
  const value = (Number(qty) * Number(price)).toFixed(2);
  return {
    symbol,
    assetClass: 'us_equity',
    qty,
    avgEntryPrice: price,
    currentPrice: price,
    marketValue: value,
    costBasis: value,
    unrealizedPnl: '0.00',
    unrealizedPnlPct: pct,
    weight: null,
  };
}

// The engine's order: largest exposure first, so the 30k short sits between the longs.
const engineOrder = [
  position('NVDA', '400', '120.50', 0.25),
  position('TSLA', '-120', '250.00', -0.031),
  position('SPY', '10', '590.12', null),
];

describe('positions table', () => {
  it('shows the engine’s order until a column is chosen', () => {
    expect(orderRows(POSITION_COLUMNS, engineOrder, null).map((p) => p.symbol)).toEqual([
      'NVDA',
      'TSLA',
      'SPY',
    ]);
  });

  it('sorts market value by sign (the short last) and symbols A→Z', () => {
    const byValue = orderRows(POSITION_COLUMNS, engineOrder, { column: 'marketValue', direction: 'desc' });
    expect(byValue.map((p) => p.symbol)).toEqual(['NVDA', 'SPY', 'TSLA']);
    const bySymbol = orderRows(POSITION_COLUMNS, engineOrder, { column: 'symbol', direction: 'asc' });
    expect(bySymbol.map((p) => p.symbol)).toEqual(['NVDA', 'SPY', 'TSLA']);
    const byPct = orderRows(POSITION_COLUMNS, engineOrder, { column: 'unrealizedPnlPct', direction: 'asc' });
    expect(byPct.map((p) => p.symbol)).toEqual(['TSLA', 'NVDA', 'SPY']);
  });

  it('exports exact figures, percents as numbers, missing ones empty', () => {
    const lines = tableCsv(POSITION_COLUMNS, engineOrder).split('\r\n');
    expect(lines[0]).toBe('Symbol,Qty,Avg entry,Price,Market value,Unrealized P&L,Unrealized %,Weight %');
    expect(lines[2]).toBe('TSLA,-120,250.00,250.00,-30000.00,0.00,-3.1,');
    expect(lines[3]).toBe('SPY,10,590.12,590.12,5901.20,0.00,,');
  });
});
