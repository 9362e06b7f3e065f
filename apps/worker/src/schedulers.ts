import type { Env, QueueName, Tenant } from '@bridge/config';
import { DRAIN_OUTBOX_EVERY_MS, JOBS, perTenantId, sweepIntervalMs, type JobControl, type JobName } from '@bridge/core';

interface Periodic {
  job: JobName;
  everyMs: (env: Env) => number;
  perTenant: boolean;
}

/** The periodic jobs. Each runs on its job's queue, so only workers consuming that queue declare it. */
const PERIODIC: Periodic[] = [
  { job: 'refreshCatalog', everyMs: (env) => env.CATALOG_REFRESH_INTERVAL_MS, perTenant: true },
  { job: 'pollOrders', everyMs: (env) => env.ORDER_POLL_INTERVAL_MS, perTenant: true },
  { job: 'drainOutbox', everyMs: () => DRAIN_OUTBOX_EVERY_MS, perTenant: false },
  { job: 'rebuildInventory', everyMs: (env) => env.INVENTORY_SYNC_INTERVAL_MS, perTenant: true },
  { job: 'pollAsns', everyMs: (env) => env.ASN_POLL_INTERVAL_MS, perTenant: true },
  // Products normally go out with the job their insert_sku_info enqueued; this sweep picks up any left
  // pending when that job ran out of attempts (eTower down for long), so no product waits for the next call.
  { job: 'createProducts', everyMs: () => 60000, perTenant: true },
  // Finished documents past DOCUMENT_RETENTION_MS leave Redis: a quarter of the retention apart, 1 s to 1 min.
  { job: 'sweepExpired', everyMs: (env) => sweepIntervalMs(env.DOCUMENT_RETENTION_MS), perTenant: true },
];

/**
 * Declares the Job Schedulers. Upserting is idempotent, so every worker that consumes a queue may declare
 * them; Redis keeps one scheduler per id however many workers run.
 */
export async function upsertSchedulers(
  jobs: JobControl,
  consumed: readonly QueueName[],
  tenants: readonly Tenant[],
  env: Env,
): Promise<string[]> {
  const declared: string[] = [];
  for (const p of PERIODIC) {
    const definition = JOBS[p.job];
    if (!consumed.includes(definition.queue)) continue;
    const targets = p.perTenant ? tenants.map((t) => t.accessId) : [undefined];
    for (const tenant of targets) {
      const id = tenant ? perTenantId(p.job, tenant) : p.job;
      await jobs.schedule(id, p.job, tenant ? { tenant } : {}, p.everyMs(env));
      declared.push(id);
    }
  }
  return declared;
}
