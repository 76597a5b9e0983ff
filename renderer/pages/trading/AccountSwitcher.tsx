import type { Account } from '../../../main/contract';
import { isLive } from '../../state/tradingStore';

const BROKER_NAMES = { simulated: 'Simulated', alpaca: 'Alpaca', tradier: 'Tradier' } as const;

/** LIVE for real money (unmistakable), else the account's mode. */
export function ModeBadge({ account }: { account: Account }) {
  if (isLive(account))
    return (
      <span className="live-badge" data-testid="trading-live-badge" title="Real money: orders trade for real">
        LIVE
      </span>
    );
  return (
    <span className={`mode-badge mode-${account.mode}`} data-testid="trading-mode-badge">
      {account.mode.toUpperCase()}
    </span>
  );
}

/** The account the Trading page trades, among those with a broker connected. */
export function AccountSwitcher({
  accounts,
  selected,
  onSelect,
}: {
  accounts: readonly Account[];
  selected: Account;
  onSelect: (accountId: string) => void;
}) {
  return (
    <div className="account-switcher">
      <label>
        <span className="muted">Account</span>
        <select
          value={selected.id}
          onChange={(e) => onSelect(e.target.value)}
          disabled={accounts.length < 2}
          data-testid="account-switcher"
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {isLive(a) ? 'LIVE · ' : ''}
              {a.name} · {BROKER_NAMES[a.broker]} · {a.mode}
            </option>
          ))}
        </select>
      </label>
      <ModeBadge account={selected} />
    </div>
  );
}
