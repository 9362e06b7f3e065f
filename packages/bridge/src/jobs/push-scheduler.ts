import type { Redis } from 'ioredis';
import { jobRef, type JobControl, type JobRef } from './job-control';
import { clearOutbox, outboxMember, type OutboxKind } from '../state/outbox';

/**
 * How many versions back a new push looks for pushes to discard. A document changes a few times between deliveries
 * (created, accepted, shipped); pushes further back that still exist are failed ones, left to the retention sweep
 * (PUSH_VERSIONS_SWEPT, retention-policy.ts). Each one looked at is one script on the poll's busiest path.
 */
const OLDER_PUSHES_DISCARDED = 5;

/**
 * Turns a recorded change into a push job. The job for version v replaces the pending job of any older
 * version, so only the newest state of a document waits for delivery; the delivery itself re-checks versions,
 * so an older push that was already running can never land after a newer one.
 */
export class PushScheduler {
  constructor(
    private readonly jobs: JobControl,
    private readonly redis: Redis,
    private readonly attempts: number,
    private readonly trace?: { reqId?: string },
  ) {}

  /** The same scheduler, whose push jobs carry the request id of the call or job that caused them. */
  tracing(trace: { reqId?: string }): PushScheduler {
    return new PushScheduler(this.jobs, this.redis, this.attempts, trace);
  }

  async orderChanged(tenant: string, orderNumber: string, version: number, changedAt: number): Promise<void> {
    await this.jobs.add(
      'pushOrderInfo',
      { tenant, orderNumber, version },
      { attempts: this.attempts, ...this.traceOption() },
    );
    await this.supersede('order', tenant, orderNumber, version, changedAt, (v) =>
      jobRef('pushOrderInfo', { tenant, orderNumber, version: v }),
    );
  }

  /** The same for an inbound order's receiving (pushAsnInfo). */
  async asnChanged(tenant: string, asnNumber: string, version: number, changedAt: number): Promise<void> {
    await this.jobs.add(
      'pushAsnInfo',
      { tenant, asnNumber, version },
      { attempts: this.attempts, ...this.traceOption() },
    );
    await this.supersede('asn', tenant, asnNumber, version, changedAt, (v) =>
      jobRef('pushAsnInfo', { tenant, asnNumber, version: v }),
    );
  }

  private traceOption(): { trace?: { reqId?: string } } {
    return this.trace ? { trace: this.trace } : {};
  }

  /** Removes the pending pushes of older versions of the document and clears its outbox entry. */
  private async supersede(
    kind: OutboxKind,
    tenant: string,
    id: string,
    version: number,
    changedAt: number,
    pushOf: (version: number) => JobRef,
  ): Promise<void> {
    // After the new push job exists (the caller enqueued it), so a crash here leaves the outbox entry to be drained.
    // Everything goes out together, one script each and no reads: a poll records hundreds of changes in a row, and
    // each round trip here adds to the push latency of every order after it (bench case 7). A finished older push
    // goes too: the delivered version is kept beside the document (delivery-lock.ts), not in the job, and a failed
    // one would only deliver a state older than this one's.
    const older: JobRef[] = [];
    for (let v = version - 1; v >= Math.max(1, version - OLDER_PUSHES_DISCARDED); v--) older.push(pushOf(v));
    await Promise.all([this.jobs.discard(older), clearOutbox(this.redis, outboxMember(kind, tenant, id), changedAt)]);
  }
}
