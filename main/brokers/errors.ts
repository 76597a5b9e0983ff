/**
 * Broker failures, normalised so the engine decides the same way for every adapter, while the
 * broker's own code and message travel with the error to the user.
 */
export type BrokerErrorKind =
  /** The broker refused the order: not enough buying power. */
  | 'insufficient_buying_power'
  /** The client order id was used before: the first order stands, this one was not placed. */
  | 'duplicate_client_order_id'
  /** The order is malformed or not allowed (422-style); retrying will not help. */
  | 'invalid_order'
  /** Refused for another business reason (market closed, halted, not shortable, …). */
  | 'rejected'
  | 'not_found'
  /** Cancel or replace of an order that is already final or in a pending state. */
  | 'not_cancelable'
  | 'unauthorized'
  | 'rate_limited'
  /** The broker could not be reached or failed (5xx, timeout, dropped connection): outcome unknown. */
  | 'unavailable';

export class BrokerError extends Error {
  constructor(
    readonly kind: BrokerErrorKind,
    message: string,
    /** The broker's own code and message, as it sent them (shown to the user). */
    readonly brokerCode: string | null = null,
    readonly brokerMessage: string | null = null,
    /** For rate limits: when to try again, epoch ms. */
    readonly retryAt: number | null = null,
  ) {
    super(message);
    this.name = 'BrokerError';
  }
}

export function isBrokerError(err: unknown, kind?: BrokerErrorKind): err is BrokerError {
  return err instanceof BrokerError && (kind === undefined || err.kind === kind);
}
