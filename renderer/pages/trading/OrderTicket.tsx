import { useState, type FormEvent } from 'react';
import type { OrderRequest, Quote } from '../../../main/contract';
import { formatMoney, formatPrice } from '../../format';
import { mul, sub } from '../../money';
import { useTradingStore } from '../../state/tradingStore';

type TicketType = 'market' | 'limit' | 'stop' | 'stop_limit';
const TYPES: { id: TicketType; label: string }[] = [
  { id: 'market', label: 'Market' },
  { id: 'limit', label: 'Limit' },
  { id: 'stop', label: 'Stop' },
  { id: 'stop_limit', label: 'Stop limit' },
];
const TIFS = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'] as const;

/** The price an order is expected to trade at, for the preview: its limit, else the touch. */
export function estimatePrice(
  side: 'buy' | 'sell',
  type: TicketType,
  limit: string,
  quote: Quote | undefined,
) {
  if ((type === 'limit' || type === 'stop_limit') && limit) return limit;
  if (!quote) return null;
  return side === 'buy' ? quote.ask : quote.bid;
}

/**
 * The order ticket: every field reachable with Tab, Enter sends, Escape clears. The preview shows
 * what the order is expected to cost before it is sent; the engine validates it again.
 */
export function OrderTicket({ quotes }: { quotes: Record<string, Quote> }) {
  const place = useTradingStore((s) => s.place);
  const placing = useTradingStore((s) => s.placing);
  const error = useTradingStore((s) => s.placeError);
  const last = useTradingStore((s) => s.lastPlaced);
  const balances = useTradingStore((s) => s.balances);
  const [symbol, setSymbol] = useState('SPY');
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [type, setType] = useState<TicketType>('market');
  const [qty, setQty] = useState('');
  const [limit, setLimit] = useState('');
  const [stop, setStop] = useState('');
  const [tif, setTif] = useState<(typeof TIFS)[number]>('day');
  const quote = quotes[symbol];
  const price = estimatePrice(side, type, limit, quote);
  const cost = price && qty ? mul(price, qty) : null;
  // A buy uses buying power; a sell of a holding frees it (a short uses it too, roughly).
  const after = balances && cost && side === 'buy' ? sub(balances.buyingPower, cost) : null;
  const needsLimit = type === 'limit' || type === 'stop_limit';
  const needsStop = type === 'stop' || type === 'stop_limit';

  const clear = () => {
    setQty('');
    setLimit('');
    setStop('');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const req: OrderRequest = {
      symbol: symbol.trim().toUpperCase(),
      assetClass: 'us_equity',
      side,
      type,
      timeInForce: tif,
      qty: qty.trim(),
      extendedHours: false,
      orderClass: 'simple',
      ...(needsLimit ? { limitPrice: limit.trim() } : {}),
      ...(needsStop ? { stopPrice: stop.trim() } : {}),
    };
    if (await place(req)) clear();
  };

  return (
    <form
      className="ticket"
      data-testid="order-ticket"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') clear();
      }}
    >
      <div className="segmented ticket-side" role="radiogroup" aria-label="Side">
        {(['buy', 'sell'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={side === s}
            className={side === s ? `active side-${s}` : ''}
            onClick={() => setSide(s)}
            data-testid={`ticket-${s}`}
          >
            {s === 'buy' ? 'Buy' : 'Sell'}
          </button>
        ))}
      </div>
      <label>
        Symbol
        <input
          value={symbol}
          onChange={(e) => setSymbol(e.target.value.toUpperCase())}
          data-testid="ticket-symbol"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        Type
        <select
          value={type}
          onChange={(e) => setType(e.target.value as TicketType)}
          data-testid="ticket-type"
        >
          {TYPES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Quantity
        <input
          value={qty}
          onChange={(e) => setQty(e.target.value)}
          inputMode="decimal"
          data-testid="ticket-qty"
        />
      </label>
      {needsLimit && (
        <label>
          Limit price
          <input
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            inputMode="decimal"
            data-testid="ticket-limit"
          />
        </label>
      )}
      {needsStop && (
        <label>
          Stop price
          <input
            value={stop}
            onChange={(e) => setStop(e.target.value)}
            inputMode="decimal"
            data-testid="ticket-stop"
          />
        </label>
      )}
      <label>
        Time in force
        <select
          value={tif}
          onChange={(e) => setTif(e.target.value as (typeof TIFS)[number])}
          data-testid="ticket-tif"
        >
          {TIFS.map((t) => (
            <option key={t} value={t}>
              {t.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <dl className="ticket-preview" data-testid="ticket-preview">
        <dt>Bid / ask</dt>
        <dd>{quote ? `${formatPrice(quote.bid)} / ${formatPrice(quote.ask)}` : '—'}</dd>
        <dt>Estimated {side === 'buy' ? 'cost' : 'proceeds'}</dt>
        <dd data-testid="ticket-estimate">{cost ? formatMoney(cost) : '—'}</dd>
        <dt>Buying power</dt>
        <dd data-testid="ticket-buying-power">{balances ? formatMoney(balances.buyingPower) : '—'}</dd>
        {after && (
          <>
            <dt>After this buy</dt>
            <dd data-testid="ticket-buying-power-after" className={after.startsWith('-') ? 'neg' : undefined}>
              {formatMoney(after)}
            </dd>
          </>
        )}
      </dl>
      <button
        type="submit"
        className={`button ticket-send side-${side}`}
        disabled={placing}
        data-testid="ticket-send"
      >
        {placing ? 'Sending…' : `${side === 'buy' ? 'Buy' : 'Sell'} ${qty || ''} ${symbol}`.trim()}
      </button>
      {error && (
        <p className="neg" role="alert" data-testid="ticket-error">
          {error.message}
        </p>
      )}
      {!error && last && (
        <p className="muted" role="status" data-testid="ticket-result">
          {last.side === 'buy' ? 'Bought' : 'Sold'} {last.filledQty} of {last.qty} {last.symbol}:{' '}
          {last.status.replace('_', ' ')}
          {last.avgFillPrice ? ` at ${formatPrice(last.avgFillPrice)}` : ''}.
        </p>
      )}
    </form>
  );
}
