import type { Balances } from '../../../main/contract';
import { formatMoney } from '../../format';

/** The broker's view of the account: what it is worth, what it may buy, and its day-trade state. */
export function AccountSummary({ balances }: { balances: Balances }) {
  const items: [string, string, string][] = [
    ['equity', 'Equity', formatMoney(balances.equity)],
    ['cash', 'Cash', formatMoney(balances.cash)],
    ['buying-power', 'Buying power', formatMoney(balances.buyingPower)],
    ['long', 'Long value', formatMoney(balances.longMarketValue)],
    ['short', 'Short value', formatMoney(balances.shortMarketValue)],
    [
      'day-trades',
      'Day trades (5 days)',
      `${balances.daytradeCount}${balances.patternDayTrader ? ' · pattern day trader' : ''}`,
    ],
  ];
  return (
    <div className="account-summary" data-testid="account-summary">
      {items.map(([id, label, value]) => (
        <div key={id} className="account-summary-item">
          <span className="account-summary-label">{label}</span>
          <span className="account-summary-value" data-testid={`balance-${id}`}>
            {value}
          </span>
        </div>
      ))}
      {balances.tradingBlocked && (
        <p className="neg" role="alert" data-testid="trading-blocked">
          The broker has blocked trading on this account: orders will be refused. Check the account at the
          broker.
        </p>
      )}
    </div>
  );
}
