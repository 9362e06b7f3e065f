import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createJobId, releaseJobId } from '@bridge/core';
import { KEY_PREFIX } from '@bridge/runtime';
import { eventually, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';

const JOB_IDS = { createOrder: createJobId, releaseOrder: releaseJobId };

/**
 * Until the order's create or release job has nothing left to do: removed, completed, or failed for good (a job
 * waiting, delayed for a retry or running is not settled). What a test awaits before saying "it never happened".
 */
export async function jobSettled(bridge: BridgeHarness, name: keyof typeof JOB_IDS, number: string): Promise<void> {
  const redis = new Redis(bridge.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('orders', { connection: redis, prefix: KEY_PREFIX });
  try {
    const id = JOB_IDS[name](TEST_TENANT.accessId, number);
    await eventually(async () => {
      const job = await queue.getJob(id);
      return !job || ['completed', 'failed'].includes(await job.getState());
    }, 20000);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
