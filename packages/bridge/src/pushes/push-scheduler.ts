import type { Redis } from 'ioredis';
import { enqueue } from '../jobs/enqueue';
import { jobId } from '../jobs/job-id';
import type { Queues } from '../jobs/queues';
import { clearOutbox, outboxMember, type OutboxKind } from '../state/outbox';

const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export function orderPushJobId(tenant: string, orderNumber: string, version: number): string {
  return jobId('pushOrderInfo', tenant, orderNumber, `v${version}`);
}

export function asnPushJobId(tenant: string, asnNumber: string, version: number): string {
  return jobId('pushAsnInfo', tenant, asnNumber, `v${version}`);
}

/**
 * Turns a recorded change into a push job. The job for version v replaces the pending job of any older
 * version, so only the newest state of a document waits for delivery; the delivery itself re-checks versions,
 * so an older push that was already running can never land after a newer one.
 */
export class PushScheduler {
  constructor(private readonly queues: Queues, private readonly redis: Redis, private readonly attempts: number, private readonly trace?: { reqId?: string }) {}

  /** The same scheduler, whose push jobs carry the request id of the call or job that caused them. */
  tracing(trace: { reqId?: string }): PushScheduler {
    return new PushScheduler(this.queues, this.redis, this.attempts, trace);
  }

  async orderChanged(tenant: string, orderNumber: string, version: number, changedAt: number): Promise<void> {
    await enqueue(this.queues, 'pushOrderInfo', { tenant, orderNumber, version }, { jobId: orderPushJobId(tenant, orderNumber, version), attempts: this.attempts, ...this.traceOption() });
    await this.supersede('order', tenant, orderNumber, version, changedAt, orderPushJobId);
  }

  /** The same for an inbound order's receiving (pushAsnInfo). */
  async asnChanged(tenant: string, asnNumber: string, version: number, changedAt: number): Promise<void> {
    await enqueue(this.queues, 'pushAsnInfo', { tenant, asnNumber, version }, { jobId: asnPushJobId(tenant, asnNumber, version), attempts: this.attempts, ...this.traceOption() });
    await this.supersede('asn', tenant, asnNumber, version, changedAt, asnPushJobId);
  }

  private traceOption(): { trace?: { reqId?: string } } {
    return this.trace ? { trace: this.trace } : {};
  }

  /** Removes the pending pushes of older versions of the document and clears its outbox entry. */
  private async supersede(kind: OutboxKind, tenant: string, id: string, version: number, changedAt: number, idOf: (t: string, id: string, v: number) => string): Promise<void> {
    // After the new push job exists (the caller enqueued it), so a crash here leaves the outbox entry to be drained.
    // The lookups go out together: on a busy worker each sequential round trip adds to every order's latency.
    const olderIds: string[] = [];
    for (let older = version - 1; older >= Math.max(1, version - 5); older--) olderIds.push(idOf(tenant, id, older));
    const removeOlder = async (jobIdToCheck: string) => {
      const job = await this.queues.webhooks.getJob(jobIdToCheck);
      if (job && PENDING_STATES.has(await job.getState())) await job.remove().catch(() => undefined);
    };
    await Promise.all([...olderIds.map(removeOlder), clearOutbox(this.redis, outboxMember(kind, tenant, id), changedAt)]);
  }
}
