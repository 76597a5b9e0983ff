/** Simulated prices and amounts are floats on a cent grid; stored money is micro-dollars. */
export const centsToMicros = (dollars: number): bigint => BigInt(Math.round(dollars * 100)) * 10_000n;
export const microsToDollars = (micros: bigint): number => Number(micros) / 1e6;
/** A fraction as parts per million, as weights are stored. */
export const ppm = (fraction: number): number => Math.round(fraction * 1_000_000);
