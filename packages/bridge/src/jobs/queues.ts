import { Queue, QueueEvents, type ConnectionOptions, type KeepJobs } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from '@bridge/config';
import { KEY_PREFIX } from '@bridge/runtime';

/**
 * How long finished jobs stay, applied by the workers (a job's own options would win, so producers set none).
 *
 * Completed: the newest 1,000 per queue, at most an hour. What stops a repeat of a command is the document's record
 * (its phase), not the completed job: a repeat of an order already created is answered from the record, one that
 * was cancelled is refused, one that failed is a fresh attempt, and one still in received/creating gets a job whose
 * create reads eTower back first. So a completed job is needed only briefly (the ingress's wait reads its result
 * from the event stream), and keeping it longer would keep each order's content, names and address included.
 *
 * Failed: for the document retention (an exhausted push can be replayed until its document goes, and the retention
 * sweep removes a document's failed jobs with it), at most 200,000 per queue: past that the oldest failed jobs go
 * first, so a long Qianyi outage cannot fill Redis with failed pushes (about 0.6 KB each).
 */
export function finishedJobRetention(retentionMs: number): { removeOnComplete: KeepJobs; removeOnFail: KeepJobs } {
  return {
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: Math.ceil(retentionMs / 1000), count: 200000 },
  };
}

export function createQueue(name: QueueName, connection: ConnectionOptions): Queue {
  return new Queue(name, {
    connection,
    prefix: KEY_PREFIX,
    // One stack trace per failed job, not one per attempt: a push retried through a day kept eight.
    defaultJobOptions: { backoff: { type: 'bridge' }, stackTraceLimit: 1 },
  });
}

export function createQueueEvents(name: QueueName, connection: ConnectionOptions): QueueEvents {
  return new QueueEvents(name, { connection, prefix: KEY_PREFIX });
}

export type Queues = Record<QueueName, Queue>;
/** A queue handle, for what needs BullMQ's own object (Bull Board's adapter); everything else uses JobControl. */
export type { Queue };

/**
 * BullMQ's keys of a job (its hash, its log list) and of the finished sets it may sit in, in that order: the
 * retention sweep deletes a finished document's jobs with it in one script (retention/expire-lua.ts).
 */
export function finishedJobKeys(ref: { queue: QueueName; id: string }): string[] {
  const q = `${KEY_PREFIX}:${ref.queue}`;
  return [`${q}:${ref.id}`, `${q}:${ref.id}:logs`, `${q}:completed`, `${q}:failed`];
}

/** Every queue of the bridge on one connection; `onError` hears each queue's connection trouble. */
export function createQueues(connection: ConnectionOptions, onError?: (queue: QueueName, err: Error) => void): Queues {
  return Object.fromEntries(
    QUEUE_NAMES.map((n) => {
      const queue = createQueue(n, connection);
      if (onError) queue.on('error', (err) => onError(n, err));
      return [n, queue];
    }),
  ) as Queues;
}
