/** US equity options are quoted per share; one contract is 100 shares. */
export const OPTION_CONTRACT_MULTIPLIER = 100n;

export type AssetClass = 'us_equity' | 'us_option' | 'crypto';

/** Cash value per unit of quoted price: 100 for an option contract, 1 otherwise. */
export function contractMultiplier(assetClass: AssetClass): bigint {
  return assetClass === 'us_option' ? OPTION_CONTRACT_MULTIPLIER : 1n;
}
