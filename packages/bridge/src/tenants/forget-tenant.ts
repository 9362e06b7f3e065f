import type { Redis } from 'ioredis';
import type { QueueName } from '@bridge/config';
import type { JobSchedulerInfo, QueueAdmin, QueuedJob } from '../jobs/queue-admin';
import { sweepTenantKeys, type TenantKeyCounts } from '../state/tenant-key-sweep';
import { sweepTenantOutbox } from '../state/tenant-outbox';

/** What a tenant has in Redis (a dry run), or had and no longer has (a deletion). */
export interface TenantFootprint {
  /** The tenant's own keys, per kind of state/tenant-keys.ts. */
  keys: TenantKeyCounts;
  /** Its entries in the shared push outbox. */
  outbox: number;
  /** Its BullMQ jobs, per queue. */
  jobs: Partial<Record<QueueName, number>>;
  /** Jobs a deletion could not remove because a worker was running them: a later run removes them. */
  jobsLeft: QueuedJob[];
}

export type ForgetTenantResult =
  /** Its Job Schedulers would make new jobs and keys while the rest goes: remove them first (ops unschedule). */
  | { outcome: 'has-schedulers'; schedulers: JobSchedulerInfo[] }
  | ({ outcome: 'counted' | 'deleted' } & TenantFootprint);

/**
 * Everything a tenant taken out of the configuration left in Redis, counted (`remove: false`) or deleted: its keys
 * of every kind, its push outbox entries and its jobs in every queue. Refused while it has Job Schedulers. Whether
 * the tenant is still configured anywhere is for the caller to know: this deletes a live tenant's orders as well.
 *
 * Deleting goes outbox, jobs, keys: an outbox entry left would make the drain enqueue a push job again, and a job
 * left (a retry due) could write a key again; keys last. Each step is idempotent, so a run stopped half way is
 * finished by the next.
 */
export async function forgetTenant(
  deps: { redis: Redis; admin: QueueAdmin },
  tenant: string,
  opts: { remove: boolean },
): Promise<ForgetTenantResult> {
  const schedulers = (await deps.admin.schedulers()).filter((s) => s.tenant === tenant);
  if (schedulers.length > 0) return { outcome: 'has-schedulers', schedulers };

  const outbox = await sweepTenantOutbox(deps.redis, tenant, opts.remove);
  const found = await deps.admin.tenantJobs(tenant);
  const { left } = opts.remove ? await deps.admin.removeJobs(found) : { left: [] };
  const jobs: Partial<Record<QueueName, number>> = {};
  for (const job of found) {
    if (!left.includes(job)) jobs[job.queue] = (jobs[job.queue] ?? 0) + 1;
  }
  const keys = await sweepTenantKeys(deps.redis, tenant, opts.remove);
  return { outcome: opts.remove ? 'deleted' : 'counted', keys, outbox, jobs, jobsLeft: left };
}
