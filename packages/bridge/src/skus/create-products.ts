import type { Redis } from 'ioredis';
import {
  classifyEtowerFailure,
  MAX_PRODUCTS_PER_CALL,
  type EtowerClient,
  type EtowerProductResult,
} from '@bridge/etower';
import { claimPending, finishPending, nextPendingAt, releasePending } from './sku-pending';
import type { SkuState, SkuStore } from './sku-state';
import { ALREADY_CREATED_INFO } from './submit-sku';

export interface CreateProductsDeps {
  tenant: string;
  etower: Pick<EtowerClient, 'createProducts'>;
  skus: SkuStore;
  redis: Redis;
  /** How long a claim holds its SKUs from other drains (productLeaseMs). */
  leaseMs: number;
}

/**
 * A claim must outlive the batch it covers: one product/create call (bounded by the eTower timeout) and the
 * records' moves around it. A drain that dies holds its SKUs until then, so a shorter lease heals a crash sooner;
 * one that ends too early costs a second call, which eTower answers "already exists" (counted as created).
 */
export function productLeaseMs(etowerTimeoutMs: number): number {
  return 2 * etowerTimeoutMs + 5000;
}

export interface DrainResult {
  calls: number;
  created: number;
  failed: number;
  /** Set when SKUs still wait whose claim or retry time has not come: when the next drain should run. */
  nextDueAt?: number;
}

/**
 * Use case (createProducts job): drain the tenant's pending products, at most 30 per product/create call,
 * until none is due, and say when the next SKU left waiting will be. Each product moves received -> creating ->
 * created | failed by compare-and-set, so one that another drain already settled is skipped. eTower's "already
 * exists" counts as created (its API has no update). A retryable failure hands the batch back and fails the job,
 * which BullMQ retries.
 */
export async function createPendingProducts(deps: CreateProductsDeps): Promise<DrainResult> {
  const totals: DrainResult = { calls: 0, created: 0, failed: 0 };
  for (;;) {
    const claimed = await claimPending(deps.redis, deps.tenant, MAX_PRODUCTS_PER_CALL, deps.leaseMs);
    if (claimed.length === 0) {
      // Left: SKUs another drain holds, perhaps one that died with them. Nothing else wakes a drain when
      // that claim ends (only the sweep, a minute apart), so the caller schedules one.
      const next = await nextPendingAt(deps.redis, deps.tenant);
      return next === undefined ? totals : { ...totals, nextDueAt: next };
    }
    const states = await deps.skus.getMany(deps.tenant, claimed);
    const batch: SkuState[] = [];
    for (const sku of claimed) {
      const state = states.get(sku);
      if (!state || state.phase === 'created' || state.phase === 'failed') continue;
      const moved = await deps.skus.transition(deps.tenant, sku, {
        from: ['received', 'creating'],
        patch: { phase: 'creating' },
        notify: false,
        note: 'product/create call',
      });
      if (moved.ok) batch.push(state);
    }
    const settledElsewhere = claimed.filter((s) => !batch.some((b) => b.sku === s));
    await finishPending(deps.redis, deps.tenant, settledElsewhere);
    if (batch.length === 0) continue;

    let results: EtowerProductResult[];
    try {
      totals.calls++;
      results = await deps.etower.createProducts(batch.map((s) => s.product));
    } catch (err) {
      const failure = classifyEtowerFailure(err);
      if (failure.retryable) {
        await settle(
          deps,
          batch.map((s) => s.sku),
          'received',
          undefined,
          `product/create failed, will retry: ${failure.message}`,
        );
        await releasePending(
          deps.redis,
          deps.tenant,
          batch.map((s) => s.sku),
          1000,
        );
        throw err;
      }
      // The whole call was refused (not one product): every product of it carries eTower's reason.
      await settle(
        deps,
        batch.map((s) => s.sku),
        'failed',
        failure.message,
        failure.message,
      );
      totals.failed += batch.length;
      await finishPending(
        deps.redis,
        deps.tenant,
        batch.map((s) => s.sku),
      );
      continue;
    }
    const unanswered: string[] = [];
    for (const r of results) {
      if (r.ok) {
        await settle(deps, [r.sku], 'created', '', 'created at eTower', r.barcode);
        totals.created++;
      } else if (r.missing) unanswered.push(r.sku);
      else if (r.duplicate) {
        await settle(deps, [r.sku], 'created', ALREADY_CREATED_INFO(), 'eTower already had it');
        totals.created++;
      } else {
        await settle(deps, [r.sku], 'failed', r.reason, r.reason);
        totals.failed++;
      }
    }
    await finishPending(
      deps.redis,
      deps.tenant,
      batch.map((s) => s.sku).filter((s) => !unanswered.includes(s)),
    );
    if (unanswered.length) {
      // No answer for these: they may exist now. The next call gets either "created" or "already exists".
      await settle(deps, unanswered, 'received', undefined, 'no answer from eTower for this product');
      await releasePending(deps.redis, deps.tenant, unanswered, 1000);
      throw new Error(`eTower gave no answer for ${unanswered.length} product(s); they are tried again`);
    }
  }
}

async function settle(
  deps: CreateProductsDeps,
  skus: readonly string[],
  phase: 'created' | 'failed' | 'received',
  info: string | undefined,
  note: string,
  barcode?: string,
): Promise<void> {
  for (const sku of skus) {
    await deps.skus.transition(deps.tenant, sku, {
      from: ['creating'],
      patch: { phase, ...(info === undefined ? {} : { info }), ...(barcode ? { barcode } : {}) },
      notify: false,
      note,
    });
  }
}
