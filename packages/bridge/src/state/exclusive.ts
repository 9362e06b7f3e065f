import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';

const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const releaseLock = luaScript('bridgeLockRelease', RELEASE_LUA, 1);

/**
 * Runs `work` only if no one else holds `key` (one delivery per document: two pushes of one order racing over
 * the network could arrive in the wrong order; one poll per tenant: two overlapping polls would write an older
 * eTower reading over a newer one). The lock expires by itself if its holder dies.
 */
export async function runExclusive<T>(redis: Redis, key: string, ttlMs: number, work: () => Promise<T>): Promise<{ locked: false } | { locked: true; value: T }> {
  const token = randomUUID();
  const got = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (got !== 'OK') return { locked: false };
  try {
    return { locked: true, value: await work() };
  } finally {
    await releaseLock(redis, key, token).catch(() => undefined);
  }
}

