import { Redis } from 'ioredis';
import { JobControl, createQueues, type Queues } from '@bridge/core';
import { isolatedRedisUrl } from '@bridge/testkit';
import { singleTenantEnv } from './run-ops';

export interface OpsRedis {
  url: string;
  redis: Redis;
  queues: Queues;
  jobs: JobControl;
  /** ops's environment against this Redis with no tenant configured. */
  noTenants(): Record<string, string>;
  /** ops configured as the workers are once another tenant was taken out: `kept` only. */
  withKept(): Record<string, string>;
}

/**
 * A private Redis with the bridge's queues for one file of ops tests, opened before its tests and closed after them.
 * Its fields are set once the file's beforeAll has run: read them inside tests and hooks.
 */
export function opsRedis(kept: string): OpsRedis {
  const r: Partial<OpsRedis> & Pick<OpsRedis, 'noTenants' | 'withKept'> = {
    noTenants: () => ({ REDIS_URL: r.url!, LOG_LEVEL: 'silent' }),
    withKept: () => ({ ...r.noTenants(), ...singleTenantEnv(kept) }),
  };
  beforeAll(async () => {
    r.url = await isolatedRedisUrl();
    const redis = new Redis(r.url, { maxRetriesPerRequest: null });
    r.redis = redis;
    r.queues = createQueues(redis);
    r.jobs = new JobControl(r.queues);
  });
  afterAll(async () => {
    await Promise.all(Object.values(r.queues ?? {}).map((q) => q.close()));
    r.redis?.disconnect();
  });
  return r as OpsRedis;
}
