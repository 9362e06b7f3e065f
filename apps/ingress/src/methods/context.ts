import type { Redis } from 'ioredis';
import type { Env, Tenant } from '@bridge/config';
import type { ContentOf, QianyiMethod } from '@bridge/qianyi';
import type { BridgeStores, JobControl } from '@bridge/core';
import type { Logger, Trace } from '@bridge/runtime';
import type { CommandWaiter } from '../command-waiter';
import type { PreSerialized } from '../pre-serialized';

export interface MethodContext extends BridgeStores {
  /** This call's identity for the jobs it causes. Passed explicitly, not through AsyncLocalStorage, whose
   *  promise hooks cost the ingress's hot path about 12 % CPU on Node 20 (bench/RESULTS.md). */
  trace: Trace;
  env: Env;
  tenant: Tenant;
  redis: Redis;
  jobs: JobControl;
  waiter: CommandWaiter;
  logger: Logger;
}

/** What every call shares: the process's stores, queues and settings. */
export type SharedContext = Omit<MethodContext, 'tenant' | 'trace'>;

/**
 * One call's context: the shared parts, with this call's tenant and trace (and its pushes carrying the trace).
 * Written field by field rather than as `{ ...shared, tenant, trace }`: V8 handles an object spread followed by new
 * properties in a way that kept every call's garbage alive through minor GCs, two thirds of what the ingress promoted
 * to its old generation with pretenuring off (bench/RESULTS.md, fourth round of 2026-12-03).
 */
export function callContext(shared: SharedContext, tenant: Tenant, trace: Trace): MethodContext {
  return {
    env: shared.env,
    redis: shared.redis,
    jobs: shared.jobs,
    waiter: shared.waiter,
    logger: shared.logger,
    catalogStore: shared.catalogStore,
    orders: shared.orders,
    asns: shared.asns,
    skus: shared.skus,
    snapshots: shared.snapshots,
    replicas: shared.replicas,
    pushes: shared.pushes.tracing(trace),
    tenant,
    trace,
  };
}

export type MethodAnswer = Record<string, unknown> | PreSerialized;

/** The handler of method `M` gets content its schema validated and answers with the response body (always HTTP 200). */
export type MethodHandler<M extends QianyiMethod> = (
  content: ContentOf<M>,
  ctx: MethodContext,
) => Promise<MethodAnswer>;
