import type { Account } from '../contract/schemas';
import type { AccountTrading } from '../contract/trading';
import type { Broker } from '../brokers/port';
import type { AccountRow } from '../store/repos/accounts';

/** An account row as the contract shows it, with its broker connection when there is one. */
export function toAccount(row: AccountRow, broker: Broker | null = null): Account {
  return {
    id: row.id,
    name: row.name,
    broker: row.broker,
    mode: row.mode,
    currency: row.currency,
    active: row.is_active === 1,
    trading: broker ? accountTrading(broker) : null,
  };
}

/** The feed a broker's quotes come from: its own (the simulated broker's is the simulated market). */
export function quoteFeedOf(broker: Pick<Broker, 'kind'>): string {
  return broker.kind;
}

/** What the pages need to know of a connected broker: real money or not, and what it takes. */
export function accountTrading(broker: Broker): AccountTrading {
  const c = broker.capabilities;
  return {
    live: broker.live,
    quoteFeed: quoteFeedOf(broker),
    capabilities: {
      // The contract's asset classes are those Keel trades (no crypto yet).
      assetClasses: c.assetClasses.filter((a) => a !== 'crypto'),
      orderTypes: [...c.orderTypes],
      timeInForce: [...c.timeInForce],
      orderClasses: [...c.orderClasses],
      extendedHours: c.extendedHours,
      fractional: c.fractional,
      shortSelling: c.shortSelling,
      replace: c.replace,
      preview: c.preview,
    },
  };
}
