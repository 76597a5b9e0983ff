import type { AssetClass, OrderClass, OrderRequest, OrderType, TimeInForce } from './types';

/** What an adapter supports: the order ticket offers only these, and the engine refuses the rest. */
export interface BrokerCapabilities {
  assetClasses: readonly AssetClass[];
  orderTypes: readonly OrderType[];
  timeInForce: readonly TimeInForce[];
  orderClasses: readonly OrderClass[];
  extendedHours: boolean;
  fractional: boolean;
  shortSelling: boolean;
  replace: boolean;
  /** The broker can validate an order without placing it (Tradier's preview=true). */
  preview: boolean;
}

/**
 * Why this order cannot go to a broker with these capabilities, or null when it can. Checked in
 * the engine before an adapter sees the order, so every adapter refuses the same way.
 */
export function unsupported(req: OrderRequest, caps: BrokerCapabilities): string | null {
  if (!caps.assetClasses.includes(req.assetClass)) return `this broker does not trade ${req.assetClass}`;
  if (!caps.orderTypes.includes(req.type)) return `this broker does not take ${req.type} orders`;
  if (!caps.timeInForce.includes(req.timeInForce))
    return `this broker does not take time in force ${req.timeInForce}`;
  if (!caps.orderClasses.includes(req.orderClass))
    return `this broker does not take ${req.orderClass} orders`;
  if (req.extendedHours && !caps.extendedHours) return 'this broker does not trade extended hours';
  if (!caps.fractional && req.qty % 1_000_000_000n !== 0n) return 'this broker trades whole shares only';
  return null;
}
