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

export type MethodAnswer = Record<string, unknown> | PreSerialized;

/** The handler of method `M` gets content its schema validated and answers with the response body (always HTTP 200). */
export type MethodHandler<M extends QianyiMethod> = (
  content: ContentOf<M>,
  ctx: MethodContext,
) => Promise<MethodAnswer>;
