import type { z } from 'zod';
import type { QueueName } from '@bridge/config';
import type { RetryDelay } from './retry-policy';

/**
 * A job of the catalog. `TKey` is the part of the payload that names the job (for a createOrder, the tenant and the
 * order number): the whole payload satisfies it, and so does the bare key a cancel or a poller holds.
 */
export interface JobDefinition<TPayload = unknown, TKey = TPayload> {
  name: string;
  queue: QueueName;
  payload: z.ZodType<TPayload>;
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before each retry; used by the worker's backoff strategy for this job's name. */
  retryDelay: RetryDelay;
  /** A hung attempt is abandoned after this long and counts as a retryable failure. */
  timeoutMs: number;
  /** Deterministic id from the payload's key: repeats of the same business command become one job. */
  jobId?: (key: TKey) => string;
}

/** A job named by a key: the payload must hold the key, so that the id can be computed from either. */
export type KeyedJobDefinition<T extends K, K> = JobDefinition<T, K> & { jobId: (key: K) => string };

export function defineJob<T extends K, K>(definition: KeyedJobDefinition<T, K>): KeyedJobDefinition<T, K>;
export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T>;
export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}
