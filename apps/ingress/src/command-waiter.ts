import type { Job, QueueEvents } from 'bullmq';
import type { Queues } from '@bridge/core';
import type { QueueName } from '@bridge/config';

export type WaitOutcome =
  | { state: 'completed'; result: unknown }
  | { state: 'failed'; reason: string }
  /** Still queued or retrying when the wait ran out: the answer is "accepted", the outcome follows later. */
  | { state: 'pending' };

/** Waits up to SYNC_WAIT_MS for a command's job, using one QueueEvents stream per queue. */
export class CommandWaiter {
  constructor(private readonly queues: Queues, private readonly events: Partial<Record<QueueName, QueueEvents>>, private readonly waitMs: number) {}

  async wait(queue: QueueName, job: Job, waitMs = this.waitMs): Promise<WaitOutcome> {
    const events = this.events[queue];
    if (!events || waitMs <= 0) return { state: 'pending' };
    try {
      const result = await job.waitUntilFinished(events, waitMs);
      return { state: 'completed', result };
    } catch (err) {
      // waitUntilFinished rejects both on a final failure and on our own time limit; the job's state tells which.
      const state = await job.getState().catch(() => 'unknown');
      if (state === 'failed') {
        const fresh = await this.queues[queue].getJob(job.id!).catch(() => undefined);
        return { state: 'failed', reason: fresh?.failedReason ?? (err as Error).message };
      }
      if (state === 'completed') {
        const fresh = await this.queues[queue].getJob(job.id!).catch(() => undefined);
        return { state: 'completed', result: fresh?.returnvalue };
      }
      return { state: 'pending' };
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.events).map((e) => e?.close()));
  }
}
