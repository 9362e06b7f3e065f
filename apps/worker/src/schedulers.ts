import type { QueueName } from '@bridge/config';
import { JOBS, type Queues } from '@bridge/core';
import type { Tenant } from '@bridge/config';
import type { Env } from '@bridge/config';

/**
 * The periodic jobs, as BullMQ Job Schedulers. Upserting is idempotent, so every worker that consumes a queue
 * may declare them; Redis keeps one scheduler per id however many workers run.
 */
export async function upsertSchedulers(queues: Queues, consumed: readonly QueueName[], tenants: readonly Tenant[], env: Env): Promise<string[]> {
  const declared: string[] = [];
  for (const tenant of tenants) {
    if (consumed.includes(JOBS.refreshCatalog.queue)) {
      const id = `refreshCatalog-${tenant.accessId}`;
      await queues[JOBS.refreshCatalog.queue].upsertJobScheduler(
        id,
        { every: env.CATALOG_REFRESH_INTERVAL_MS, immediately: true },
        { name: JOBS.refreshCatalog.name, data: { tenant: tenant.accessId }, opts: { attempts: JOBS.refreshCatalog.attempts, backoff: { type: 'bridge' } } },
      );
      declared.push(id);
    }
  }
  return declared;
}
