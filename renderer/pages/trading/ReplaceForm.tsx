import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Order } from '../../../main/contract';
import { sub, toNanos } from '../../money';
import type { ReplaceChanges } from '../../state/tradingStore';

/** The fields of an order a replace may change, as the form holds them. */
interface Draft {
  qty: string;
  limit: string;
  stop: string;
}

/** Only what differs from the working order is sent; an unchanged form sends nothing. */
export function replaceChanges(order: Order, draft: Draft): ReplaceChanges {
  const left = toNanos(order.qty)! - toNanos(order.filledQty)!;
  const changed = (value: string, was: string | null) =>
    value.trim() !== '' && (was === null || toNanos(value) !== toNanos(was));
  const qtyChanged = draft.qty.trim() !== '' && toNanos(draft.qty) !== left;
  return {
    ...(qtyChanged ? { qty: draft.qty.trim() } : {}),
    ...(changed(draft.limit, order.limitPrice) ? { limitPrice: draft.limit.trim() } : {}),
    ...(changed(draft.stop, order.stopPrice) ? { stopPrice: draft.stop.trim() } : {}),
  };
}

/**
 * Replaces a working order from the blotter: quantity (what is left to fill) and its prices.
 * Enter sends, Escape closes. The broker makes a new order; the old one ends as replaced unless it
 * fills first.
 */
export function ReplaceForm({
  order,
  live,
  onReplace,
  onClose,
}: {
  order: Order;
  /** Real money: the replace is sent only once the order's symbol is typed, as for a new order. */
  live: boolean;
  onReplace: (changes: ReplaceChanges) => Promise<boolean>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const left = sub(order.qty, order.filledQty) ?? order.qty;
  const [draft, setDraft] = useState<Draft>({
    qty: left,
    limit: order.limitPrice ?? '',
    stop: order.stopPrice ?? '',
  });
  const [sending, setSending] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.select(), []);
  const changes = replaceChanges(order, draft);
  const nothing = Object.keys(changes).length === 0;
  const hasLimit = order.limitPrice !== null;
  const hasStop = order.stopPrice !== null;
  const unconfirmed = live && typed.trim() !== order.symbol;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (nothing || unconfirmed) return;
    setSending(true);
    const ok = await onReplace(changes);
    setSending(false);
    if (ok) onClose();
  };
  return (
    <form
      className="replace-form"
      data-testid="replace-form"
      aria-label={`Replace order ${order.symbol}`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <span className="replace-title">
        Replace {order.side} {order.symbol} {order.type.replace('_', ' ')}
      </span>
      <label>
        Qty left
        <input
          ref={first}
          value={draft.qty}
          onChange={(e) => setDraft({ ...draft, qty: e.target.value })}
          inputMode="decimal"
          data-testid="replace-qty"
        />
      </label>
      {hasLimit && (
        <label>
          Limit
          <input
            value={draft.limit}
            onChange={(e) => setDraft({ ...draft, limit: e.target.value })}
            inputMode="decimal"
            data-testid="replace-limit"
          />
        </label>
      )}
      {hasStop && (
        <label>
          Stop
          <input
            value={draft.stop}
            onChange={(e) => setDraft({ ...draft, stop: e.target.value })}
            inputMode="decimal"
            data-testid="replace-stop"
          />
        </label>
      )}
      {live && (
        <label>
          <span>
            <span className="live-badge">LIVE</span> type {order.symbol} to send
          </span>
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value.toUpperCase())}
            autoComplete="off"
            spellCheck={false}
            data-testid="replace-confirm"
          />
        </label>
      )}
      <button
        type="submit"
        className="button"
        disabled={nothing || sending || unconfirmed}
        data-testid="replace-send"
      >
        {sending ? 'Replacing…' : 'Replace'}
      </button>
      <button type="button" className="link-button" onClick={onClose}>
        Close (Esc)
      </button>
    </form>
  );
}
