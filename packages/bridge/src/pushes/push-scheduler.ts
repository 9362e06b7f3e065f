import type { Redis } from 'ioredis';
import { enqueue } from '../jobs/enqueue';
import { jobId } from '../jobs/job-id';
import type { Queues } from '../jobs/queues';
import { clearOutbox, outboxMember } from '../state/outbox';

const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export function orderPushJobId(tenant: string, orderNumber: string, version: number): string {
  return jobId('pushOrderInfo', tenant, orderNumber, `v${version}`);
}

/**
 * Turns a recorded change into a push job. The job for version v replaces the pending job of any older
 * version, so only the newest state of a document waits for delivery; the delivery itself re-checks versions,
 * so an older push that was already running can never land after a newer one.
 */
export class PushScheduler {
  constructor(private readonly queues: Queues, private readonly redis: Redis, private readonly attempts: number) {}

  async orderChanged(tenant: string, orderNumber: string, version: number, changedAt: number): Promise<void> {
    await enqueue(this.queues, 'pushOrderInfo', { tenant, orderNumber, version }, { jobId: orderPushJobId(tenant, orderNumber, version), attempts: this.attempts });
    for (let older = version - 1; older >= Math.max(1, version - 5); older--) {
      const job = await this.queues.webhooks.getJob(orderPushJobId(tenant, orderNumber, older));
      if (!job) continue;
      const state = await job.getState();
      if (PENDING_STATES.has(state)) await job.remove().catch(() => undefined);
    }
    await clearOutbox(this.redis, outboxMember('order', tenant, orderNumber), changedAt);
  }
}
