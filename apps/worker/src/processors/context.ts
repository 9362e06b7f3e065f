import type { Redis } from 'ioredis';
import type { Logger } from '@bridge/runtime';
import type { Env } from '@bridge/config';
import type { CatalogStore, Queues, TenantRegistry } from '@bridge/core';

/** What a processor may use. Processors stay thin: they pick the use case and hand it these. */
export interface ProcessorContext {
  env: Env;
  redis: Redis;
  queues: Queues;
  tenants: TenantRegistry;
  catalogStore: CatalogStore;
  logger: Logger;
}

export type Processor = (payload: any, ctx: ProcessorContext, job: { id?: string; attemptsMade: number }) => Promise<unknown>;
