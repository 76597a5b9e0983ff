import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Account, OrderRequest, Quote } from '../../../main/contract';
import { formatMoney, formatPrice } from '../../format';
import { sub } from '../../money';
import { isLive, useTradingStore } from '../../state/tradingStore';
import { LiveConfirm } from './LiveConfirm';
import {
  EMPTY_FORM,
  estimateValue,
  extendedHoursAllowed,
  fitForm,
  CLASS_LABELS,
  needsLimit,
  needsStop,
  newClientOrderId,
  offered,
  ticketRequest,
  TIF_LABELS,
  TYPE_LABELS,
  type TicketForm,
} from './ticket';

/** An OCC option symbol: root, expiry, call/put, strike × 1000. */
const OCC = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;

/**
 * The order ticket: it offers only what the account's broker takes; every field is reachable
 * with Tab, Enter sends, Escape clears. The preview shows what the order is expected to cost
 * before it is sent; a live account's order waits for a typed confirmation. The engine
 * validates every order again.
 */
export function OrderTicket({ quotes, account }: { quotes: Record<string, Quote>; account: Account }) {
  const place = useTradingStore((s) => s.place);
  const placing = useTradingStore((s) => s.placing);
  const error = useTradingStore((s) => s.placeError);
  const last = useTradingStore((s) => s.lastPlaced);
  const balances = useTradingStore((s) => s.balances);
  const caps = account.trading!.capabilities;
  const live = isLive(account);
  const [draft, setForm] = useState<TicketForm>(EMPTY_FORM);
  const [pending, setPending] = useState<OrderRequest | null>(null);
  // One client order id per order meant: kept across retries, new after an edit or a success.
  const [intentId, setIntentId] = useState<string | null>(null);
  // The form as the account allows it (the page mounts a new ticket when the account changes).
  const form = fitForm(draft, caps);
  const edit = (patch: Partial<TicketForm>) => {
    setIntentId(null);
    setForm((f) => fitForm({ ...f, ...patch }, caps));
  };
  const { types, tifs, classes, assets } = offered(caps, form);
  const option = form.assetClass === 'us_option';
  const cls = form.orderClass;
  // An option's quote is asked for when its contract is named (the page streams stocks only).
  const [optionQuote, setOptionQuote] = useState<Quote | null>(null);
  const occ = option && OCC.test(form.symbol) ? form.symbol : null;
  useEffect(() => {
    if (!occ) return;
    let current = true;
    api()
      .call('quotes.latest', { accountId: account.id, symbols: [occ] })
      .then(([q]) => current && setOptionQuote(q ?? null))
      .catch(() => current && setOptionQuote(null));
    return () => {
      current = false;
    };
  }, [occ, account.id]);
  const quote = occ ? (optionQuote?.symbol === occ ? optionQuote : undefined) : quotes[form.symbol];
  const cost = estimateValue(form, quote);
  // A buy uses buying power; a sell of a holding frees it (a short uses it too, roughly).
  const after = balances && cost && form.side === 'buy' ? sub(balances.buyingPower, cost) : null;

  const clear = () => {
    setIntentId(null);
    setForm((f) => ({
      ...f,
      qty: '',
      limit: '',
      stop: '',
      trail: '',
      takeProfit: '',
      stopLoss: '',
      stopLossLimit: '',
    }));
    setPending(null);
  };
  const send = async (req: OrderRequest) => {
    setPending(null);
    if (await place(req)) clear();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clientOrderId = intentId ?? newClientOrderId();
    setIntentId(clientOrderId);
    const req = { ...ticketRequest(form, account.id), clientOrderId };
    // Real money: nothing is sent until the trader types the confirmation.
    if (live) setPending(req);
    else void send(req);
  };

  if (pending)
    return (
      <LiveConfirm
        request={pending}
        account={account}
        estimate={cost}
        onConfirm={() => void send(pending)}
        onCancel={() => setPending(null)}
      />
    );

  return (
    <form
      className="ticket"
      data-testid="order-ticket"
      onSubmit={submit}
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
            aria-checked={form.side === s}
            className={form.side === s ? `active side-${s}` : ''}
            onClick={() => edit({ side: s })}
            data-testid={`ticket-${s}`}
          >
            {s === 'buy' ? 'Buy' : 'Sell'}
          </button>
        ))}
      </div>
      {assets.length > 1 && (
        <div className="segmented ticket-asset" role="radiogroup" aria-label="Instrument">
          {assets.map((a) => (
            <button
              key={a}
              type="button"
              role="radio"
              aria-checked={form.assetClass === a}
              className={form.assetClass === a ? 'active' : ''}
              onClick={() => edit({ assetClass: a })}
              data-testid={`ticket-asset-${a}`}
            >
              {a === 'us_equity' ? 'Stock' : 'Option'}
            </button>
          ))}
        </div>
      )}
      <label>
        {option ? 'Contract (OCC symbol)' : 'Symbol'}
        <input
          value={form.symbol}
          onChange={(e) => edit({ symbol: e.target.value.toUpperCase() })}
          placeholder={option ? 'SPY261218P00481000' : undefined}
          data-testid="ticket-symbol"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      {option && (
        <label>
          Position
          <select
            value={form.intent}
            onChange={(e) => edit({ intent: e.target.value as TicketForm['intent'] })}
            data-testid="ticket-intent"
          >
            <option value="open">{form.side === 'buy' ? 'Buy to open' : 'Sell to open'}</option>
            <option value="close">{form.side === 'buy' ? 'Buy to close' : 'Sell to close'}</option>
          </select>
        </label>
      )}
      {classes.length > 1 && (
        <label>
          Order class
          <select
            value={cls}
            onChange={(e) => edit({ orderClass: e.target.value as TicketForm['orderClass'] })}
            data-testid="ticket-class"
          >
            {classes.map((c) => (
              <option key={c} value={c}>
                {CLASS_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Type
        <select
          value={form.type}
          onChange={(e) => edit({ type: e.target.value as TicketForm['type'] })}
          data-testid="ticket-type"
        >
          {types.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Quantity{option ? ' (contracts)' : caps.fractional ? '' : ' (whole shares)'}
        <input
          value={form.qty}
          onChange={(e) => edit({ qty: e.target.value })}
          inputMode="decimal"
          data-testid="ticket-qty"
        />
      </label>
      {needsLimit(form.type, cls) && (
        <label>
          Limit price
          <input
            value={form.limit}
            onChange={(e) => edit({ limit: e.target.value })}
            inputMode="decimal"
            data-testid="ticket-limit"
          />
        </label>
      )}
      {needsStop(form.type) && (
        <label>
          Stop price
          <input
            value={form.stop}
            onChange={(e) => edit({ stop: e.target.value })}
            inputMode="decimal"
            data-testid="ticket-stop"
          />
        </label>
      )}
      {form.type === 'trailing_stop' && (
        <div className="ticket-trail">
          <label>
            Trail
            <input
              value={form.trail}
              onChange={(e) => edit({ trail: e.target.value })}
              inputMode="decimal"
              data-testid="ticket-trail"
            />
          </label>
          <label>
            by
            <select
              value={form.trailKind}
              onChange={(e) => edit({ trailKind: e.target.value as TicketForm['trailKind'] })}
              data-testid="ticket-trail-kind"
            >
              <option value="percent">percent</option>
              <option value="price">dollars</option>
            </select>
          </label>
        </div>
      )}
      {cls !== 'simple' && (
        <fieldset className="ticket-legs" data-testid="ticket-legs">
          <legend>{cls === 'oco' ? 'Exits of the position' : 'Exit legs'}</legend>
          {(cls === 'bracket' || cls === 'oco' || cls === 'oto') && (
            <label>
              Take-profit limit{cls === 'oto' ? ' (or leave empty for a stop-loss)' : ''}
              <input
                value={form.takeProfit}
                onChange={(e) => edit({ takeProfit: e.target.value })}
                inputMode="decimal"
                data-testid="ticket-take-profit"
              />
            </label>
          )}
          {(cls !== 'oto' || form.takeProfit.trim() === '') && (
            <div className="ticket-trail">
              <label>
                Stop-loss at
                <input
                  value={form.stopLoss}
                  onChange={(e) => edit({ stopLoss: e.target.value })}
                  inputMode="decimal"
                  data-testid="ticket-stop-loss"
                />
              </label>
              <label>
                limit (optional)
                <input
                  value={form.stopLossLimit}
                  onChange={(e) => edit({ stopLossLimit: e.target.value })}
                  inputMode="decimal"
                  data-testid="ticket-stop-loss-limit"
                />
              </label>
            </div>
          )}
        </fieldset>
      )}
      <label>
        Time in force
        <select
          value={form.tif}
          onChange={(e) => edit({ tif: e.target.value as TicketForm['tif'] })}
          data-testid="ticket-tif"
        >
          {tifs.map((t) => (
            <option key={t} value={t}>
              {TIF_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      {extendedHoursAllowed(caps, form) && (
        <label className="ticket-check">
          <input
            type="checkbox"
            checked={form.extendedHours}
            onChange={(e) => edit({ extendedHours: e.target.checked })}
            data-testid="ticket-extended"
          />
          Extended hours (pre-market and after hours)
        </label>
      )}
      <dl className="ticket-preview" data-testid="ticket-preview">
        <dt>Bid / ask</dt>
        <dd>{quote ? `${formatPrice(quote.bid)} / ${formatPrice(quote.ask)}` : '—'}</dd>
        <dt>Estimated {form.side === 'buy' ? 'cost' : 'proceeds'}</dt>
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
        className={`button ticket-send side-${form.side}${live ? ' ticket-send-live' : ''}`}
        disabled={placing}
        data-testid="ticket-send"
      >
        {placing
          ? 'Sending…'
          : `${live ? 'LIVE · ' : ''}${form.side === 'buy' ? 'Buy' : 'Sell'} ${form.qty || ''} ${form.symbol}`
              .replace(/\s+/g, ' ')
              .trim()}
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
