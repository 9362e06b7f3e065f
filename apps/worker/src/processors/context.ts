import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@bridge/runtime';
import type { Env } from '@bridge/config';
import type { BridgeStores, Queues, TenantRegistry } from '@bridge/core';
import type { WorkerMetrics } from '../metrics';

/** What a processor may use. Processors stay thin: they pick the use case and hand it these. */
export interface ProcessorContext extends BridgeStores {
  env: Env;
  redis: Redis;
  queues: Queues;
  tenants: TenantRegistry;
  logger: Logger;
  /** Counters a processor reports to beyond the per-job ones the consumers keep. */
  metrics: Pick<WorkerMetrics, 'inventoryRefused'>;
}

export interface JobRun {
  job: Job;
  token: string | undefined;
  /** The job's log context; `reqId` is the Qianyi call that caused it, passed on to the jobs this one enqueues. */
  trace: { reqId?: string };
  /** Aborts at the attempt's deadline: handed to every outbound call (eTower, Qianyi) the use case makes. */
  signal: AbortSignal;
  /** Whether a retryable failure of this kind is the job's last: use cases then record a final failure. */
  finalAttempt(kind: string): boolean;
}

export type Processor = (payload: any, ctx: ProcessorContext, run: JobRun) => Promise<unknown>;
