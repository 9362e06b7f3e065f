import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@bridge/runtime';
import type { Env } from '@bridge/config';
import type { BridgeStores, JobControl, JobName, JobPayload, TenantRegistry } from '@bridge/core';
import type { WorkerMetrics } from '../metrics';

/** What a processor may use. Processors stay thin: they pick the use case and hand it these. */
export interface ProcessorContext extends BridgeStores {
  env: Env;
  redis: Redis;
  jobs: JobControl;
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

/** The processor of job `N`: gets the payload as the catalog's schema parsed it. */
export type Processor<N extends JobName = JobName> = (
  payload: JobPayload<N>,
  ctx: ProcessorContext,
  run: JobRun,
) => Promise<unknown>;
