import type { Base64Flavour } from '@bridge/etower/signing';

// Knobs of the eTower simulator. Defaults suit `pnpm start` demos: an order is accepted 2 s and shipped 6 s
// after confirmation, an inbound order is put away in halves every 5 s.

export interface EtowerSimulatorOptions {
  token?: string;
  key?: string;
  /** Confirmation -> status 1 (accepted). */
  acceptAfterMs?: number;
  /** Confirmation -> status 5 (shipped, tracking number assigned). */
  shipAfterMs?: number;
  /** Every step, half of what remains of each inbound line is put away. */
  receiveStepMs?: number;
  /** SKUs seeded per warehouse: SKU-000001 ... */
  skuCount?: number;
  /** Inventory pageSize cap. */
  maxPageSize?: number;
  /** Added to every eTower API answer (not to the control API). */
  latencyMs?: number;
  /** Refuse orders / inbound lines whose SKU is neither seeded nor created through product/create. */
  requireKnownSkus?: boolean;
  /** Clock, for tests. */
  now?: () => number;
  /**
   * Base64 flavours of the signature accepted. Real eTower's is unknown (reference §1.3): standard by default;
   * `['url-safe']` plays an eTower that takes only URL-safe Base64, to prove the client's fallback.
   */
  signatureFlavours?: Base64Flavour[];
  /** How far this eTower's clock is from the real one: its `Date` header and its 15-minute signature window
   *  both use it, as a server with a wrong clock would. */
  clockOffsetMs?: number;
}

export type ResolvedSimulatorOptions = Required<EtowerSimulatorOptions>;

export const SIMULATOR_DEFAULTS: ResolvedSimulatorOptions = {
  token: 'sandbox-token',
  key: 'sandbox-key',
  acceptAfterMs: 2000,
  shipAfterMs: 6000,
  receiveStepMs: 5000,
  skuCount: 2345,
  maxPageSize: 100,
  latencyMs: 0,
  requireKnownSkus: true,
  now: () => Date.now(),
  signatureFlavours: ['standard'],
  clockOffsetMs: 0,
};

export function resolveSimulatorOptions(options: EtowerSimulatorOptions = {}): ResolvedSimulatorOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...SIMULATOR_DEFAULTS, ...defined };
}
