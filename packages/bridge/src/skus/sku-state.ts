import type { Redis } from 'ioredis';
import type { EtowerProductInput } from '@bridge/etower';
import { DocumentStore } from '../state/document-store';
import { keys } from '../state/keys';

/**
 * A product's way to eTower: received (waiting in the pending set) -> creating (in a product/create call) ->
 * created | failed. eTower's API has no product update or query, so "created" is final for the bridge.
 */
export type SkuPhase = 'received' | 'creating' | 'created' | 'failed';

export interface SkuState {
  tenant: string;
  sku: string;
  phase: SkuPhase;
  /** The eTower product as it will be (or was) sent. */
  product: EtowerProductInput;
  /** eTower's product code, when its answer carried one. */
  barcode?: string;
  /** What Qianyi is told in results[].info (why it failed, or that it already existed). */
  info?: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export type SkuPatch = {
  [K in Exclude<keyof SkuState, 'tenant' | 'sku' | 'version' | 'createdAt' | 'updatedAt'>]?: SkuState[K] | null;
};

/** A product's record may expire once created or refused (eTower answers "already exists" to one sent again). */
export const FINAL_SKU_PHASES: readonly SkuPhase[] = ['created', 'failed'];

export class SkuStore extends DocumentStore<SkuState, SkuPhase, SkuPatch> {
  constructor(redis: Redis) {
    super(
      redis,
      'sku',
      {
        record: keys.sku,
        history: keys.skuHistory,
        open: keys.skuNeverPolled,
        expiring: (t) => keys.expiring(t, 'sku'),
      },
      { numbers: new Set(), json: new Set(['product']), finalPhases: FINAL_SKU_PHASES },
      'sku',
    );
  }
}
