import type { z } from 'zod';
import type { QueueName } from '@bridge/config';
import type { RetryDelay } from './retry-policy';

export interface JobDefinition<TPayload = unknown> {
  name: string;
  queue: QueueName;
  payload: z.ZodType<TPayload>;
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before each retry; used by the worker's backoff strategy for this job's name. */
  retryDelay: RetryDelay;
  /** A hung attempt is abandoned after this long and counts as a retryable failure. */
  timeoutMs: number;
  /** Deterministic id from the payload: repeats of the same business command become one job. */
  jobId?: (payload: TPayload) => string;
}

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}
