import { z } from 'zod';
import type { QueueName } from '@bridge/config';
import { defineJob, type JobDefinition } from './define';
import { exponentialWithJitter } from './retry-policy';

/**
 * The one list of jobs. Producers (the ingress, schedulers) and processors (the worker) both import it;
 * nothing else names a queue. Per job: its queue, payload schema, retry policy and timeout.
 */
const tenantPayload = z.object({ tenant: z.string().min(1) });

export const JOBS = {
  /** Re-read warehouses and fulfillment services from eTower into the catalog cache. */
  refreshCatalog: defineJob({
    name: 'refreshCatalog',
    queue: 'inventory',
    payload: tenantPayload,
    attempts: 5,
    retryDelay: exponentialWithJitter(2000, 60000),
    timeoutMs: 60000,
  }),
} as const satisfies Record<string, JobDefinition<any>>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['payload']>;

export function jobsOfQueue(queue: QueueName): JobDefinition<unknown>[] {
  return Object.values(JOBS).filter((j) => j.queue === queue) as JobDefinition<unknown>[];
}

export function jobDefinition(name: string): JobDefinition<unknown> | undefined {
  return (JOBS as Record<string, JobDefinition<unknown>>)[name];
}
