// The option pricing moved to main/domain/options.ts (the simulated broker quotes options too).
export { normCdf, occSymbol, putDelta, putPrice } from '../domain/options';
