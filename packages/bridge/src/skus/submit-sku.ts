import type { Redis } from 'ioredis';
import type { Tenant } from '@bridge/config';
import type { InsertSkuInfoContent } from '@bridge/qianyi';
import type { JobControl } from '../jobs/job-control';
import { jobId, perTenantId } from '../jobs/job-id';
import { toEtowerProduct } from './product-mapping';
import { addPending } from './sku-pending';
import type { SkuState, SkuStore } from './sku-state';

/** How long a product waits for others to share its product/create call. */
export const PRODUCT_BATCH_WINDOW_MS = 300;

export type SkuOutcome = { ok: boolean; info: string };
export type SubmitSkuOutcome =
  | { kind: 'refused'; message: string }
  | { kind: 'settled'; outcome: SkuOutcome }
  | { kind: 'queued' };

export interface SubmitSkuDeps {
  tenant: Tenant;
  skus: SkuStore;
  jobs: JobControl;
  redis: Redis;
  /** The Qianyi call this comes from, carried into the job for its logs. */
  trace?: { reqId?: string };
}

/** What Qianyi is told about a product whose record is final. */
export function skuOutcome(state: SkuState): SkuOutcome | undefined {
  if (state.phase === 'created') return { ok: true, info: state.info ?? '' };
  if (state.phase === 'failed') return { ok: false, info: state.info ?? 'eTower refused the product' };
  return undefined;
}

export const ALREADY_CREATED_INFO = (barcode?: string) =>
  `already created at eTower${barcode ? ` (${barcode})` : ''}; eTower's API has no product update, so values sent again are not applied there`;

/**
 * Use case (ingress side): take one insert_sku_info. The product is mapped (and refused with the missing
 * field's name) before anything is written; then its record goes to "received", the SKU joins the pending
 * set, and ONE delayed createProducts job per tenant is due (deduplicated; keepLastIfActive starts another
 * after a running drain), so products arriving within the window share a product/create call.
 */
export async function submitSku(item: InsertSkuInfoContent, deps: SubmitSkuDeps): Promise<SubmitSkuOutcome> {
  const mapped = toEtowerProduct(item, deps.tenant.productDefaults);
  if (!mapped.ok) return { kind: 'refused', message: mapped.message };
  const tenant = deps.tenant.accessId;
  const existing = await deps.skus.get(tenant, item.sku);
  if (existing?.phase === 'created')
    return { kind: 'settled', outcome: { ok: true, info: ALREADY_CREATED_INFO(existing.barcode) } };
  if (!existing) {
    const made = await deps.skus.transition(tenant, item.sku, {
      from: 'absent',
      patch: { phase: 'received', product: mapped.product },
      notify: false,
      note: 'received from Qianyi',
    });
    if (!made.ok && made.current === 'created') return submitSku(item, deps);
  } else if (existing.phase === 'failed') {
    // Sent again (perhaps fixed): a fresh attempt with what was sent now.
    await deps.skus.transition(tenant, item.sku, {
      from: ['failed'],
      patch: { phase: 'received', product: mapped.product, info: null },
      notify: false,
      note: 'sent again by Qianyi',
    });
  }
  await addPending(deps.redis, tenant, item.sku);
  await scheduleProductDrain(deps.jobs, tenant, PRODUCT_BATCH_WINDOW_MS, deps.trace);
  return { kind: 'queued' };
}

/**
 * Makes sure a createProducts drain of the tenant runs in `delayMs`: ONE such job waits per tenant
 * (deduplicated), and `keepLastIfActive` starts another after a drain that is running now, so nothing added
 * during a drain waits for the sweep.
 */
export async function scheduleProductDrain(
  jobs: JobControl,
  tenant: string,
  delayMs: number,
  trace?: { reqId?: string },
): Promise<void> {
  await jobs.add(
    'createProducts',
    { tenant },
    {
      ...(trace ? { trace } : {}),
      jobId: jobId('createProducts', tenant, String(Date.now()), Math.random().toString(36).slice(2, 8)),
      delayMs,
      deduplication: { id: perTenantId('createProducts', tenant), keepLastIfActive: true },
    },
  );
}
