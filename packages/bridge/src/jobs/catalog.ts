import { z } from 'zod';
import { defineJob, type JobDefinition } from './define';
import { jobId } from './job-id';
import { exponentialWithJitter, webhookSchedule } from './retry-policy';

/**
 * The one list of jobs. Producers (the ingress, schedulers, use cases) and processors (the worker) both
 * import it; nothing else names a queue. Per job: its queue, payload schema, retry policy and timeout.
 */
const tenant = z.string().min(1);
const tenantPayload = z.object({ tenant });
// The order travels as Qianyi sent it (already validated at the ingress); the worker re-validates the shape.
const asnPayload = z.object({ tenant, asn: z.object({ asnNumber: z.string().min(1) }).passthrough() });
// `labelStored: false` tells the worker there is no label to fetch beside the record; jobs without the field
// (older producers) are treated as "maybe", and the worker looks.
const orderPayload = z.object({ tenant, order: z.object({ orderNumber: z.string().min(1) }).passthrough(), labelStored: z.boolean().optional() });

export const JOBS = {
  /** Re-read warehouses and fulfillment services from eTower into the catalog cache. */
  refreshCatalog: defineJob({
    name: 'refreshCatalog', queue: 'inventory', payload: tenantPayload,
    attempts: 5, retryDelay: exponentialWithJitter(60000), timeoutMs: 60000,
  }),
  /** Send one Qianyi order to eTower (exactly once per tenant and orderNumber). */
  createOrder: defineJob({
    name: 'createOrder', queue: 'orders', payload: orderPayload,
    // About 20-40 minutes of retries with the default base; after that the order is FAILED (unreachable), still polled.
    attempts: 12, retryDelay: exponentialWithJitter(600000), timeoutMs: 120000,
    jobId: (p) => jobId('createOrder', p.tenant, p.order.orderNumber),
  }),
  /** Release a held draft with orders/confirm once the tenant's hold time is over. */
  releaseOrder: defineJob({
    name: 'releaseOrder', queue: 'orders', payload: z.object({ tenant, orderNumber: z.string().min(1) }),
    attempts: 12, retryDelay: exponentialWithJitter(600000), timeoutMs: 60000,
    jobId: (p) => jobId('releaseOrder', p.tenant, p.orderNumber),
  }),
  /** Re-read every open order from eTower and record what changed. */
  pollOrders: defineJob({
    name: 'pollOrders', queue: 'orders', payload: tenantPayload,
    attempts: 3, retryDelay: exponentialWithJitter(60000), timeoutMs: 240000,
  }),
  /** Deliver an order's state (as of a version) to Qianyi's receiveOdo webhook. */
  pushOrderInfo: defineJob({
    name: 'pushOrderInfo', queue: 'webhooks', payload: z.object({ tenant, orderNumber: z.string().min(1), version: z.number().int().min(1) }),
    attempts: 8, retryDelay: webhookSchedule, timeoutMs: 60000,
  }),
  /** Delete the tenant's documents finished more than DOCUMENT_RETENTION_MS ago (retention/sweep-expired.ts). */
  sweepExpired: defineJob({
    name: 'sweepExpired', queue: 'orders', payload: tenantPayload,
    attempts: 1, retryDelay: () => 0, timeoutMs: 120000,
  }),
  /** Enqueue pushes for changes whose push job was never created (a crash between the two). */
  drainOutbox: defineJob({
    name: 'drainOutbox', queue: 'webhooks', payload: z.object({}),
    attempts: 1, retryDelay: () => 0, timeoutMs: 60000,
  }),
  /** Read the tenant's whole eTower inventory and publish it as a new snapshot (inventory/*). */
  rebuildInventory: defineJob({
    name: 'rebuildInventory', queue: 'inventory', payload: tenantPayload,
    attempts: 3, retryDelay: exponentialWithJitter(60000), timeoutMs: 240000,
  }),
  /** Send the tenant's pending products to eTower product/create, at most 30 a call (skus/*). */
  createProducts: defineJob({
    name: 'createProducts', queue: 'skus', payload: tenantPayload,
    attempts: 8, retryDelay: exponentialWithJitter(300000), timeoutMs: 120000,
  }),
  /** Send one ASN to eTower b2b/po (exactly once per tenant and asnNumber). */
  createAsn: defineJob({
    name: 'createAsn', queue: 'asn', payload: asnPayload,
    attempts: 12, retryDelay: exponentialWithJitter(600000), timeoutMs: 120000,
    jobId: (p) => jobId('createAsn', p.tenant, p.asn.asnNumber),
  }),
  /** Re-read every open ASN from eTower b2b/poList and record what changed. */
  pollAsns: defineJob({
    name: 'pollAsns', queue: 'asn', payload: tenantPayload,
    attempts: 3, retryDelay: exponentialWithJitter(60000), timeoutMs: 240000,
  }),
  /** Deliver an ASN's receiving (as of a version) to Qianyi's receiveAsn webhook. */
  pushAsnInfo: defineJob({
    name: 'pushAsnInfo', queue: 'webhooks', payload: z.object({ tenant, asnNumber: z.string().min(1), version: z.number().int().min(1) }),
    attempts: 8, retryDelay: webhookSchedule, timeoutMs: 60000,
  }),
} as const satisfies Record<string, JobDefinition<any>>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['payload']>;

export function jobDefinition(name: string): JobDefinition<unknown> | undefined {
  return (JOBS as Record<string, JobDefinition<unknown>>)[name];
}
