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

/** Told when the tidying-up after a push was enqueued fails; the push itself is safe by then. */
export type TidyFailureHandler = (err: unknown, document: { kind: OutboxKind; tenant: string; id: string; version: number }) => void;

/**
 * Turns a recorded change into a push job. The job for version v replaces the pending job of any older
 * version, so only the newest state of a document waits for delivery; the delivery itself re-checks versions,
 * so an older push that was already running can never land after a newer one.
 *
 * A change is handed on once its push job exists. The tidying-up after that (clearing the outbox entry,
 * removing the pending pushes of older versions) runs on without holding the caller: on a busy worker every
 * sequential round trip adds to each order's time, and nothing depends on it. If it never finishes (a crash,
 * Redis gone), the outbox entry stays and the drain re-enqueues the same job id, which BullMQ deduplicates; an
 * older push that is not removed is refused at delivery as superseded.
 */
export class PushScheduler {
  private readonly tidying = new Set<Promise<void>>();

  constructor(
    private readonly queues: Queues,
    private readonly redis: Redis,
    private readonly attempts: number,
    private readonly onTidyFailure: TidyFailureHandler = () => undefined,
  ) {}

  async orderChanged(tenant: string, orderNumber: string, version: number, changedAt: number): Promise<void> {
    await enqueue(this.queues, 'pushOrderInfo', { tenant, orderNumber, version }, { jobId: orderPushJobId(tenant, orderNumber, version), attempts: this.attempts });
    this.tidyUp('order', tenant, orderNumber, version, changedAt, orderPushJobId);
  }

  /** The same for an inbound order's receiving (pushAsnInfo). */
  async asnChanged(tenant: string, asnNumber: string, version: number, changedAt: number): Promise<void> {
    await enqueue(this.queues, 'pushAsnInfo', { tenant, asnNumber, version }, { jobId: asnPushJobId(tenant, asnNumber, version), attempts: this.attempts });
    this.tidyUp('asn', tenant, asnNumber, version, changedAt, asnPushJobId);
  }

  /** Resolves when every tidying-up started so far has finished (shutdown waits for it before closing Redis). */
  async settled(): Promise<void> {
    while (this.tidying.size > 0) await Promise.all(this.tidying);
  }

  private tidyUp(kind: OutboxKind, tenant: string, id: string, version: number, changedAt: number, idOf: (t: string, id: string, v: number) => string): void {
    const run = this.supersede(kind, tenant, id, version, changedAt, idOf)
      .catch((err: unknown) => this.onTidyFailure(err, { kind, tenant, id, version }))
      .finally(() => this.tidying.delete(run));
    this.tidying.add(run);
  }

  /** Removes the pending pushes of older versions of the document and clears its outbox entry. */
  private async supersede(kind: OutboxKind, tenant: string, id: string, version: number, changedAt: number, idOf: (t: string, id: string, v: number) => string): Promise<void> {
    // After the new push job exists, so a crash here leaves the outbox entry to be drained.
    const olderIds: string[] = [];
    for (let older = version - 1; older >= Math.max(1, version - 5); older--) olderIds.push(idOf(tenant, id, older));
    const removeOlder = async (jobIdToCheck: string) => {
      const job = await this.queues.webhooks.getJob(jobIdToCheck);
      if (job && PENDING_STATES.has(await job.getState())) await job.remove().catch(() => undefined);
    };
    await Promise.all([...olderIds.map(removeOlder), clearOutbox(this.redis, outboxMember(kind, tenant, id), changedAt)]);
  }
}
