import { useEffect, useMemo, useState } from 'react';
import { quoteKey } from '../../../main/contract';
import { api } from '../../api/client';
import { useAppStore } from '../../state/appStore';
import { csvFileName } from '../../ui/table/csv';
import { DataTable } from '../../ui/table/DataTable';
import { Panel } from '../../ui/Panel';
import { ErrorPanel, LoadingPanel } from '../../ui/StatePanels';
import { isLive, isOpen, tradable, useTradingStore, WATCHLIST } from '../../state/tradingStore';
import { AccountSummary } from './AccountSummary';
import { AccountSwitcher } from './AccountSwitcher';
import { FILL_COLUMNS, livePositions, orderColumns, POSITION_COLUMNS, QUOTE_COLUMNS } from './columns';
import { OrderTicket } from './OrderTicket';
import { ReplaceForm } from './ReplaceForm';

/**
 * Trading one account: quotes, positions at live prices, the order ticket, open orders with
 * cancel and replace, and fills — all pushed, nothing polled. A live account is marked LIVE
 * everywhere on the page and its orders need a typed confirmation.
 */
export function TradingPage() {
  const s = useTradingStore();
  const { load, applyOrder, applyFill, applyPositions, applyQuote } = s;
  const allAccounts = useAppStore((a) => a.accounts);
  const activate = useAppStore((a) => a.activate);
  const accounts = tradable(allAccounts);
  const [replacing, setReplacing] = useState<string | null>(null);

  useEffect(() => {
    void load(s.accountId);
    // Only the first load picks the account; a switch loads its own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);
  const accountId = s.accountId;
  useEffect(() => {
    if (!accountId) return;
    const client = api();
    const offs = [
      client.on('order.updated', (o) => applyOrder(o), accountId),
      client.on('fill.created', (f) => applyFill(f), accountId),
      client.on('positions.changed', (p) => applyPositions(p.accountId, p.positions), accountId),
    ];
    return () => offs.forEach((off) => off());
  }, [accountId, applyOrder, applyFill, applyPositions]);

  const symbols = useMemo(
    () => [...new Set([...WATCHLIST, ...s.positions.map((p) => p.symbol)])],
    [s.positions],
  );
  const symbolKey = symbols.join(',');
  const selected = accounts.find((a) => a.id === accountId) ?? null;
  // Quotes of the account's own feed only: simulated prices never show beside a live account.
  const feed = selected?.trading?.quoteFeed ?? null;
  useEffect(() => {
    if (!feed) return;
    const client = api();
    const offs = symbolKey
      .split(',')
      .map((sym) => client.on('quote', (q) => applyQuote(q), quoteKey(feed, sym)));
    return () => offs.forEach((off) => off());
  }, [symbolKey, feed, applyQuote]);

  const live = selected !== null && isLive(selected);
  const quotes = symbols.map((sym) => s.quotes[sym]).filter((q) => q !== undefined);
  const orders = Object.values(s.orders).sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1));
  const open = orders.filter(isOpen);
  const done = orders.filter((o) => !isOpen(o)).slice(0, 50);
  const account = accountId ?? 'account';
  const replaceOrder = replacing ? (s.orders[replacing] ?? null) : null;
  const canReplace = selected?.trading?.capabilities.replace === true;

  return (
    <section className={`page${live ? ' trading-live' : ''}`} data-testid="trading-page">
      <header className="page-header">
        <h1>Trading</h1>
        {selected && (
          <AccountSwitcher
            accounts={accounts}
            selected={selected}
            // The page trades only the account the engine made active: a refused switch stays put.
            onSelect={(id) =>
              void activate(id).then(async (ok) => {
                if (ok) await load(id);
              })
            }
          />
        )}
        {selected && (
          <div className="page-meta">
            <span>
              {selected.broker === 'simulated'
                ? 'Simulated broker · orders fill at the simulated market’s quotes'
                : live
                  ? 'Live account · orders trade real money'
                  : 'Paper account'}
            </span>
          </div>
        )}
      </header>
      {s.status === 'loading' && <LoadingPanel what="the trading book" />}
      {s.status === 'error' && s.error && (
        <ErrorPanel title="Could not load trading" error={s.error} onRetry={() => void load()} />
      )}
      {s.status === 'ready' && !selected && allAccounts.length > 0 && (
        <div className="panel state-panel" data-testid="trading-no-broker">
          <p>No broker is connected for this account, so it can be reviewed but not traded.</p>
          <p className="muted">Connect a broker in Settings, or pick the demo account.</p>
        </div>
      )}
      {s.status === 'ready' && selected && (
        <div className="trading-grid">
          <Panel title={live ? 'Order ticket · LIVE' : 'Order ticket'} className="ticket-panel">
            <OrderTicket key={selected.id} quotes={s.quotes} account={selected} />
          </Panel>
          <div className="trading-main">
            {s.balances && (
              <Panel title="Account" aside="as the broker reports it">
                <AccountSummary balances={s.balances} />
              </Panel>
            )}
            <Panel title="Quotes" aside={feed === 'sim' ? 'simulated market' : 'from the broker'}>
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
              {s.blotterError && (
                <p className="neg" role="alert" data-testid="blotter-error">
                  {s.blotterError.message}
                </p>
              )}
              {replaceOrder && isOpen(replaceOrder) && (
                <ReplaceForm
                  key={replaceOrder.id}
                  order={replaceOrder}
                  live={live}
                  onReplace={async (changes) => (await s.replace(replaceOrder.id, changes)) !== null}
                  onClose={() => setReplacing(null)}
                />
              )}
              {open.length === 0 ? (
                <p className="panel-empty muted">No working orders.</p>
              ) : (
                <DataTable
                  rows={open}
                  columns={orderColumns({
                    cancel: (o) => void s.cancel(o.id),
                    replace: canReplace ? (o) => setReplacing(o.id) : null,
                  })}
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
