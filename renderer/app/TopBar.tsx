import { activeAccount, useAppStore } from '../state/appStore';
import { useConnectionStore } from '../state/connectionStore';
import { isLive } from '../state/tradingStore';
import { DemoBadge, SimMarketBadge } from './DemoBadge';
import { ThemeToggle } from './ThemeToggle';

const BROKER_NAMES = { simulated: 'Simulated', alpaca: 'Alpaca', tradier: 'Tradier' } as const;

const EVENT_STATUS = {
  open: { label: 'Live', className: 'dot-ok', title: 'Receiving updates from the engine' },
  connecting: { label: 'Connecting', className: 'dot-wait', title: 'Opening the update stream' },
  reconnecting: {
    label: 'Reconnecting',
    className: 'dot-warn',
    title: 'The update stream dropped; figures may be stale until it is back',
  },
  closed: { label: 'Offline', className: 'dot-bad', title: 'Not receiving updates' },
} as const;

export function TopBar() {
  const info = useAppStore((s) => s.info);
  const accounts = useAppStore((s) => s.accounts);
  const events = useConnectionStore((s) => s.events);
  const account = activeAccount(accounts);
  const status = EVENT_STATUS[events];
  return (
    <header className="topbar">
      <div className="brand">Keel</div>
      <div className="topbar-account" data-testid="active-account">
        {account ? (
          <>
            <span className="account-name">{account.name}</span>
            <span className="account-broker">{BROKER_NAMES[account.broker]}</span>
            {/* One rule for LIVE everywhere: a live broker connection, or an account kept as live. */}
            {isLive(account) ? (
              <span className="mode-badge mode-live" data-testid="account-mode">
                LIVE
              </span>
            ) : (
              <span className={`mode-badge mode-${account.mode}`} data-testid="account-mode">
                {account.mode.toUpperCase()}
              </span>
            )}
          </>
        ) : (
          <span className="muted">{!info ? 'Connecting…' : info.startup ? 'Preparing…' : 'No account'}</span>
        )}
      </div>
      {info && <DemoBadge info={info} />}
      {info && <SimMarketBadge info={info} />}
      <div className="topbar-spacer" />
      <div className="topbar-status" title={status.title} data-testid="connection-status">
        <span className={`dot ${status.className}`} aria-hidden="true" />
        {status.label}
      </div>
      <ThemeToggle />
    </header>
  );
}
