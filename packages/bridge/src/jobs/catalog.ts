import { z } from 'zod';
import type { ReleaseOutcome } from '../orders/release-order';
import type { rebuildInventory } from '../inventory/rebuild-inventory';
import type { SweepResult } from '../retention/sweep-expired';
import type { DrainResult } from '../skus/create-products';
import { defineJob, typedResult, type CatalogEntry, type ReadResultOf, type ResultOf } from './define';
import { jobId } from './job-id';
import { exponentialWithJitter, webhookSchedule } from './retry-policy';

/**
 * The one list of jobs. Producers (the ingress, schedulers, use cases) and processors (the worker) both
 * import it; nothing else names a queue. Per job: its queue, payload schema, result, retry policy and timeout.
 */
const tenant = z.string().min(1);
const tenantPayload = z.object({ tenant });
// The order travels as Qianyi sent it (already validated at the ingress); the worker re-validates the shape.
const asnPayload = z.object({ tenant, asn: z.object({ asnNumber: z.string().min(1) }).passthrough() });
// `labelStored: false` tells the worker there is no label to fetch beside the record; jobs without the field
// (older producers) are treated as "maybe", and the worker looks.
const orderPayload = z.object({
  tenant,
  order: z.object({ orderNumber: z.string().min(1) }).passthrough(),
  labelStored: z.boolean().optional(),
});

// The ids of the jobs about one document (job-id.ts says how they are built). A push's id carries its version.
export const createJobId = (tenant: string, orderNumber: string) => jobId('createOrder', tenant, orderNumber);
export const releaseJobId = (tenant: string, orderNumber: string) => jobId('releaseOrder', tenant, orderNumber);
export const createAsnJobId = (tenant: string, asnNumber: string) => jobId('createAsn', tenant, asnNumber);
export const orderPushJobId = (tenant: string, orderNumber: string, version: number) =>
  jobId('pushOrderInfo', tenant, orderNumber, `v${version}`);
export const asnPushJobId = (tenant: string, asnNumber: string, version: number) =>
  jobId('pushAsnInfo', tenant, asnNumber, `v${version}`);

/**
 * How often the outbox is drained, and how old an entry must be to count as lost: a change's push job is enqueued
 * within milliseconds of the change, so one still in the outbox after this long lost it to a crash.
 */
export const DRAIN_OUTBOX_EVERY_MS = 30000;

// Results with a schema: a create's, which the ingress reads when it waits for the job, and a push's outcome (what
// Qianyi was told, read off the job by whoever looks). A reader parses them: a worker of another version may have
// written them, and a result this version cannot read is an unknown outcome. Unknown keys are stripped, not
// refused: a newer worker may add one.
const createOrderResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('created'), warehouseOrderNumber: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
]);
const createAsnResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('created'), referenceNumber: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
]);
const orderPushResult = z.object({
  outcome: z.enum(['delivered', 'superseded', 'already-delivered', 'unknown-order']),
});
const asnPushResult = z.object({
  outcome: z.enum(['delivered', 'superseded', 'already-delivered', 'not-pushable', 'unknown-asn']),
});
/** A poll's result; `skipped` when another poll of the tenant held the lock. */
type PollResult = { checked: number; changed: number } | { skipped: string };

type OrderPushKey = { tenant: string; orderNumber: string; version: number };
type AsnPushKey = { tenant: string; asnNumber: string; version: number };

export const JOBS = {
  /** Re-read warehouses and fulfillment services from eTower into the catalog cache. */
  refreshCatalog: defineJob({
    name: 'refreshCatalog',
    queue: 'inventory',
    payload: tenantPayload,
    result: typedResult<{ warehouses: number; channels: number }>(),
    attempts: 5,
    retryDelay: exponentialWithJitter(60000),
    timeoutMs: 60000,
  }),
  /** Send one Qianyi order to eTower (exactly once per tenant and orderNumber). */
  createOrder: defineJob({
    name: 'createOrder',
    queue: 'orders',
    payload: orderPayload,
    result: createOrderResult,
    // About 20-40 minutes of retries with the default base; after that the order is FAILED (unreachable), still polled.
    attempts: 12,
    retryDelay: exponentialWithJitter(600000),
    timeoutMs: 120000,
    jobId: (k: { tenant: string; order: { orderNumber: string } }) => createJobId(k.tenant, k.order.orderNumber),
  }),
  /** Release a held draft with orders/confirm once the tenant's hold time is over. */
  releaseOrder: defineJob({
    name: 'releaseOrder',
    queue: 'orders',
    payload: z.object({ tenant, orderNumber: z.string().min(1) }),
    result: typedResult<ReleaseOutcome>(),
    attempts: 12,
    retryDelay: exponentialWithJitter(600000),
    timeoutMs: 60000,
    jobId: (k: { tenant: string; orderNumber: string }) => releaseJobId(k.tenant, k.orderNumber),
  }),
  /** Re-read every open order from eTower and record what changed. */
  pollOrders: defineJob({
    name: 'pollOrders',
    queue: 'orders',
    payload: tenantPayload,
    result: typedResult<PollResult>(),
    attempts: 3,
    retryDelay: exponentialWithJitter(60000),
    timeoutMs: 240000,
  }),
  /** Deliver an order's state (as of a version) to Qianyi's receiveOdo webhook. */
  pushOrderInfo: defineJob({
    name: 'pushOrderInfo',
    queue: 'webhooks',
    payload: z.object({ tenant, orderNumber: z.string().min(1), version: z.number().int().min(1) }),
    result: orderPushResult,
    attempts: 8,
    retryDelay: webhookSchedule,
    timeoutMs: 60000,
    jobId: (k: OrderPushKey) => orderPushJobId(k.tenant, k.orderNumber, k.version),
  }),
  /** Delete the tenant's documents finished more than DOCUMENT_RETENTION_MS ago (retention/sweep-expired.ts). */
  sweepExpired: defineJob({
    name: 'sweepExpired',
    queue: 'orders',
    payload: tenantPayload,
    result: typedResult<SweepResult>(),
    attempts: 1,
    retryDelay: () => 0,
    timeoutMs: 120000,
  }),
  /** Enqueue pushes for changes whose push job was never created (a crash between the two). */
  drainOutbox: defineJob({
    name: 'drainOutbox',
    queue: 'webhooks',
    payload: z.object({}),
    result: typedResult<number>(),
    attempts: 1,
    retryDelay: () => 0,
    timeoutMs: 60000,
  }),
  /** Read the tenant's whole eTower inventory and publish it as a new snapshot (inventory/*). */
  rebuildInventory: defineJob({
    name: 'rebuildInventory',
    queue: 'inventory',
    payload: tenantPayload,
    result: typedResult<Awaited<ReturnType<typeof rebuildInventory>>>(),
    attempts: 3,
    retryDelay: exponentialWithJitter(60000),
    timeoutMs: 240000,
  }),
  /** Send the tenant's pending products to eTower product/create, at most 30 a call (skus/*). */
  createProducts: defineJob({
    name: 'createProducts',
    queue: 'skus',
    payload: tenantPayload,
    result: typedResult<DrainResult>(),
    attempts: 8,
    retryDelay: exponentialWithJitter(300000),
    timeoutMs: 120000,
  }),
  /** Send one ASN to eTower b2b/po (exactly once per tenant and asnNumber). */
  createAsn: defineJob({
    name: 'createAsn',
    queue: 'asn',
    payload: asnPayload,
    result: createAsnResult,
    attempts: 12,
    retryDelay: exponentialWithJitter(600000),
    timeoutMs: 120000,
    jobId: (k: { tenant: string; asn: { asnNumber: string } }) => createAsnJobId(k.tenant, k.asn.asnNumber),
  }),
  /** Re-read every open ASN from eTower b2b/poList and record what changed. */
  pollAsns: defineJob({
    name: 'pollAsns',
    queue: 'asn',
    payload: tenantPayload,
    result: typedResult<PollResult>(),
    attempts: 3,
    retryDelay: exponentialWithJitter(60000),
    timeoutMs: 240000,
  }),
  /** Deliver an ASN's receiving (as of a version) to Qianyi's receiveAsn webhook. */
  pushAsnInfo: defineJob({
    name: 'pushAsnInfo',
    queue: 'webhooks',
    payload: z.object({ tenant, asnNumber: z.string().min(1), version: z.number().int().min(1) }),
    result: asnPushResult,
    attempts: 8,
    retryDelay: webhookSchedule,
    timeoutMs: 60000,
    jobId: (k: AsnPushKey) => asnPushJobId(k.tenant, k.asnNumber, k.version),
  }),
} as const satisfies Record<string, CatalogEntry>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['payload']>;
/** What the processor of job `N` returns (BullMQ stores it as the job's result). */
export type JobResult<N extends JobName> = ResultOf<(typeof JOBS)[N]['result']>;
/** What a process other than the one that ran job `N` knows of its result once read: parsed, or unknown. */
export type ReadJobResult<N extends JobName> = ReadResultOf<(typeof JOBS)[N]['result']>;
/** The jobs whose id the catalog computes (one job per document, or per document version). */
export type KeyedJobName = {
  [N in JobName]: (typeof JOBS)[N] extends { jobId: (key: never) => string } ? N : never;
}[JobName];
/** What names a keyed job: the part of its payload its id is built from. */
export type JobKey<N extends KeyedJobName> = (typeof JOBS)[N] extends { jobId: (key: infer K) => string } ? K : never;

const ENTRIES: Readonly<Record<string, CatalogEntry>> = JOBS;

export function jobDefinition(name: string): CatalogEntry | undefined {
  return Object.hasOwn(ENTRIES, name) ? ENTRIES[name] : undefined;
}

/** A stored result as read by another process: `ok: false` when it is not in the shape this version knows. */
export type ResultReading<N extends JobName> = { ok: true; result: ReadJobResult<N> } | { ok: false; issue: string };

/**
 * Reads job `name`'s stored result: parsed by its schema when it has one (a worker of another version may have
 * written it), passed on as unknown when it has none.
 */
export function readJobResult<N extends JobName>(name: N, stored: unknown): ResultReading<N> {
  const spec = ENTRIES[name]?.result;
  if (!spec || !('safeParse' in spec)) return { ok: true, result: stored as ReadJobResult<N> };
  const parsed = spec.safeParse(stored);
  if (!parsed.success) return { ok: false, issue: `${name} result: ${z.prettifyError(parsed.error)}` };
  return { ok: true, result: parsed.data as ReadJobResult<N> };
}
