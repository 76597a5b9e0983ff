import { useEffect, useMemo } from 'react';
import { api } from '../../api/client';
import { csvFileName } from '../../ui/table/csv';
import { DataTable } from '../../ui/table/DataTable';
import { Panel } from '../../ui/Panel';
import { ErrorPanel, LoadingPanel } from '../../ui/StatePanels';
import { isOpen, useTradingStore, WATCHLIST } from '../../state/tradingStore';
import { FILL_COLUMNS, livePositions, orderColumns, POSITION_COLUMNS, QUOTE_COLUMNS } from './columns';
import { OrderTicket } from './OrderTicket';

/** Quotes, positions at live prices, the order ticket, open orders and fills — all pushed. */
export function TradingPage() {
  const s = useTradingStore();
  const { load, applyOrder, applyFill, applyQuote } = s;

  useEffect(() => {
    void load();
    const client = api();
    const offs = [
      client.on('order.updated', (o) => applyOrder(o)),
      client.on('fill.created', (f) => applyFill(f)),
    ];
    return () => offs.forEach((off) => off());
  }, [load, applyOrder, applyFill]);

  const symbols = useMemo(
    () => [...new Set([...WATCHLIST, ...s.positions.map((p) => p.symbol)])],
    [s.positions],
  );
  const symbolKey = symbols.join(',');
  useEffect(() => {
    const client = api();
    const offs = symbolKey.split(',').map((sym) => client.on('quote', (q) => applyQuote(q), sym));
    return () => offs.forEach((off) => off());
  }, [symbolKey, applyQuote]);

  const quotes = symbols.map((sym) => s.quotes[sym]).filter((q) => q !== undefined);
  const orders = Object.values(s.orders).sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1));
  const open = orders.filter(isOpen);
  const done = orders.filter((o) => !isOpen(o)).slice(0, 50);
  const account = s.accountId ?? 'account';

  return (
    <section className="page" data-testid="trading-page">
      <header className="page-header">
        <h1>Trading</h1>
        <div className="page-meta">
          <span>Simulated broker · orders fill at the simulated market’s quotes</span>
        </div>
      </header>
      {s.status === 'loading' && <LoadingPanel what="the trading book" />}
      {s.status === 'error' && s.error && (
        <ErrorPanel title="Could not load trading" error={s.error} onRetry={() => void load()} />
      )}
      {s.status === 'ready' && (
        <div className="trading-grid">
          <Panel title="Order ticket" className="ticket-panel">
            <OrderTicket quotes={s.quotes} />
          </Panel>
          <div className="trading-main">
            <Panel title="Quotes" aside="live">
              <DataTable
                rows={quotes}
                columns={QUOTE_COLUMNS}
                rowKey={(q) => q.symbol}
                testId="quotes-table"
                csvFileName={csvFileName('quotes')}
              />
            </Panel>
            <Panel title="Positions" aside="marked at the quote’s mid">
              <DataTable
                rows={livePositions(s.positions, s.quotes)}
                columns={POSITION_COLUMNS}
                rowKey={(p) => p.symbol}
                rowAttributes={(p) => ({ 'data-symbol': p.symbol })}
                testId="live-positions"
                csvFileName={csvFileName('positions', account)}
              />
            </Panel>
            <Panel title="Open orders" aside={`${open.length} working`}>
              {open.length === 0 ? (
                <p className="panel-empty muted">No working orders.</p>
              ) : (
                <DataTable
                  rows={open}
                  columns={orderColumns((o) => void s.cancel(o.id))}
                  rowKey={(o) => o.id}
                  rowAttributes={(o) => ({ 'data-order': o.id })}
                  testId="open-orders"
                  csvFileName={csvFileName('open orders', account)}
                />
              )}
            </Panel>
            <Panel title="Recent orders">
              <DataTable
                rows={done}
                columns={orderColumns(null)}
                rowKey={(o) => o.id}
                rowAttributes={(o) => ({ 'data-order': o.id, 'data-status': o.status })}
                testId="recent-orders"
                csvFileName={csvFileName('orders', account)}
              />
            </Panel>
            <Panel title="Recent fills">
              <DataTable
                rows={s.fills.slice(0, 50)}
                columns={FILL_COLUMNS}
                rowKey={(f) => f.id}
                testId="recent-fills"
                csvFileName={csvFileName('fills', account)}
              />
            </Panel>
          </div>
        </div>
      )}
    </section>
  );
}
