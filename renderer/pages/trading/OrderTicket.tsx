import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Account, OrderRequest, Quote } from '../../../main/contract';
import { formatMoney, formatPrice } from '../../format';
import { sub } from '../../money';
import { isLive, useTradingStore } from '../../state/tradingStore';
import { Segmented } from '../../ui/Segmented';
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

const SIDES = [
  { id: 'buy', label: 'Buy' },
  { id: 'sell', label: 'Sell' },
] as const;

/** A labelled decimal input of the ticket (quantities and prices). */
function DecimalField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        inputMode="decimal"
        data-testid={props.testId}
      />
    </label>
  );
}

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
      <Segmented
        options={SIDES}
        value={form.side}
        onChange={(side) => edit({ side })}
        label="Side"
        className="ticket-side"
        activeClass={(side) => `side-${side}`}
        testId="ticket"
      />
      {assets.length > 1 && (
        <Segmented
          options={assets.map((a) => ({ id: a, label: a === 'us_equity' ? 'Stock' : 'Option' }))}
          value={form.assetClass}
          onChange={(assetClass) => edit({ assetClass })}
          label="Instrument"
          className="ticket-asset"
          testId="ticket-asset"
        />
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
      <DecimalField
        label={`Quantity${option ? ' (contracts)' : caps.fractional ? '' : ' (whole shares)'}`}
        value={form.qty}
        onChange={(v) => edit({ qty: v })}
        testId="ticket-qty"
      />
      {needsLimit(form.type, cls) && (
        <DecimalField
          label="Limit price"
          value={form.limit}
          onChange={(v) => edit({ limit: v })}
          testId="ticket-limit"
        />
      )}
      {needsStop(form.type) && (
        <DecimalField
          label="Stop price"
          value={form.stop}
          onChange={(v) => edit({ stop: v })}
          testId="ticket-stop"
        />
      )}
      {form.type === 'trailing_stop' && (
        <div className="ticket-trail">
          <DecimalField
            label="Trail"
            value={form.trail}
            onChange={(v) => edit({ trail: v })}
            testId="ticket-trail"
          />
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
            <DecimalField
              label={`Take-profit limit${cls === 'oto' ? ' (or leave empty for a stop-loss)' : ''}`}
              value={form.takeProfit}
              onChange={(v) => edit({ takeProfit: v })}
              testId="ticket-take-profit"
            />
          )}
          {(cls !== 'oto' || form.takeProfit.trim() === '') && (
            <div className="ticket-trail">
              <DecimalField
                label="Stop-loss at"
                value={form.stopLoss}
                onChange={(v) => edit({ stopLoss: v })}
                testId="ticket-stop-loss"
              />
              <DecimalField
                label="limit (optional)"
                value={form.stopLossLimit}
                onChange={(v) => edit({ stopLossLimit: v })}
                testId="ticket-stop-loss-limit"
              />
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
