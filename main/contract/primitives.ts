import { z } from 'zod';

/**
 * Exact decimal as a string ("-1234.56"). Money, prices and quantities cross the contract as
 * strings, as Alpaca sends them, so nothing is rounded by a float on the way to the screen.
 */
export const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "1234.56"');
export type Decimal = z.infer<typeof Decimal>;

/** Calendar date of a trading session, YYYY-MM-DD (exchange time, America/New_York). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** Instant as ISO-8601 UTC text. */
export const IsoInstant = z.iso.datetime({ offset: true });

export const Id = z.string().min(1).max(128);

export const Broker = z.enum(['simulated', 'alpaca', 'tradier']);
export type Broker = z.infer<typeof Broker>;

/** demo = generated data; paper = broker sandbox; live = real money. */
export const AccountMode = z.enum(['demo', 'paper', 'live']);
export type AccountMode = z.infer<typeof AccountMode>;

export const Empty = z.strictObject({});
