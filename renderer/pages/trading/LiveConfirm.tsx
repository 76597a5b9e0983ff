import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Account, OrderRequest } from '../../../main/contract';
import { formatMoney } from '../../format';
import { confirmationWord, confirmed, describeOrder } from './ticket';

const BROKER_NAMES = { simulated: 'the simulated broker', alpaca: 'Alpaca', tradier: 'Tradier' } as const;

/**
 * The typed confirmation of a live order: what will be sent, to which broker and account, and a
 * field where the trader types the order's symbol. Enter sends only once it matches; Escape
 * goes back to the ticket with the order unsent.
 */
export function LiveConfirm({
  request,
  account,
  estimate,
  onConfirm,
  onCancel,
}: {
  request: OrderRequest;
  account: Account;
  estimate: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const ok = confirmed(request, typed);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ok) onConfirm();
  };
  return (
    <form
      className="live-confirm"
      role="alertdialog"
      aria-labelledby="live-confirm-title"
      aria-describedby="live-confirm-order"
      data-testid="live-confirm"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <p className="live-confirm-title" id="live-confirm-title">
        <span className="live-badge">LIVE</span> Real money at {BROKER_NAMES[account.broker]}
      </p>
      <p id="live-confirm-order" data-testid="live-confirm-order">
        {describeOrder(request)}
        {estimate ? ` — about ${formatMoney(estimate)}` : ''}, on {account.name}.
      </p>
      <label>
        <span>
          Type <strong>{confirmationWord(request)}</strong> to send it
        </span>
        <input
          ref={input}
          value={typed}
          onChange={(e) => setTyped(e.target.value.toUpperCase())}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={typed !== '' && !ok}
          data-testid="live-confirm-input"
        />
      </label>
      <div className="live-confirm-actions">
        <button
          type="submit"
          className="button ticket-send-live"
          disabled={!ok}
          data-testid="live-confirm-send"
        >
          Send live order
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="live-confirm-cancel">
          Back (Esc)
        </button>
      </div>
    </form>
  );
}
