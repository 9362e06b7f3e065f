import type { Redis } from 'ioredis';
import type { Logger } from '@bridge/runtime';
import type { Env } from '@bridge/config';
import type { BridgeStores, JobControl, JobName, JobPayload, JobResult, JobRun, TenantRegistry } from '@bridge/core';
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

/** The attempt a processor runs (the jobs layer's, free of BullMQ). */
export type { JobRun };

/** The processor of job `N`: gets the payload as the catalog's schema parsed it, and returns the catalog's result. */
export type Processor<N extends JobName = JobName> = (
  payload: JobPayload<N>,
  ctx: ProcessorContext,
  run: JobRun,
) => Promise<JobResult<N>>;
