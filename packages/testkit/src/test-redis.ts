import { Redis } from 'ioredis';

/**
 * A Redis URL for one test file: the suite's Redis (REDIS_URL, set by the global setup) with a database
 * number of its own, emptied first, so test files running in parallel never see each other's queues.
 */
export async function isolatedRedisUrl(db?: number): Promise<string> {
  const base = process.env.REDIS_URL;
  if (!base) throw new Error('REDIS_URL is not set: integration tests run through the jest global setup');
  const index = db ?? (Number(process.env.JEST_WORKER_ID ?? '1') % 15) + 1;
  const url = new URL(base);
  url.pathname = `/${index}`;
  const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
  await redis.flushdb();
  redis.disconnect();
  return url.toString();
}
