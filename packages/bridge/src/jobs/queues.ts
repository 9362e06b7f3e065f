import { Queue, QueueEvents, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from '@bridge/config';
import { KEY_PREFIX } from '@bridge/runtime';

/**
 * Completed jobs are kept for a week (not removed at once): a repeat of the same command with the same
 * deterministic id within that window is recognised by BullMQ itself. After that, the state store is the
 * final word on what was done. Failed jobs stay a month so that they can be inspected and replayed.
 */
export const JOB_RETENTION: Pick<DefaultJobOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 200000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createQueue(name: QueueName, connection: ConnectionOptions): Queue {
  return new Queue(name, {
    connection,
    prefix: KEY_PREFIX,
    defaultJobOptions: { ...JOB_RETENTION, backoff: { type: 'bridge' } },
  });
}

export function createQueueEvents(name: QueueName, connection: ConnectionOptions): QueueEvents {
  return new QueueEvents(name, { connection, prefix: KEY_PREFIX });
}

export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: ConnectionOptions): Queues {
  return Object.fromEntries(QUEUE_NAMES.map((n) => [n, createQueue(n, connection)])) as Queues;
}
