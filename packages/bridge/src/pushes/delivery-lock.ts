import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';

const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const releaseLock = luaScript('bridgeLockRelease', RELEASE_LUA, 1);

/**
 * One delivery per document at a time: two pushes of one order racing over the network could arrive in the
 * wrong order. The lock expires by itself if its holder dies.
 */
export async function withDeliveryLock<T>(redis: Redis, key: string, ttlMs: number, work: () => Promise<T>): Promise<{ locked: false } | { locked: true; value: T }> {
  const token = randomUUID();
  const got = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (got !== 'OK') return { locked: false };
  try {
    return { locked: true, value: await work() };
  } finally {
    await releaseLock(redis, key, token).catch(() => undefined);
  }
}

const RAISE_LUA = `local v = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end return v`;
const raiseDelivered = luaScript('bridgeDeliveredRaise', RAISE_LUA, 1);

/** Records that `version` reached Qianyi, never lowering what is recorded. */
export async function markDelivered(redis: Redis, key: string, version: number): Promise<void> {
  await raiseDelivered(redis, key, String(version), String(90 * 24 * 3600));
}

export async function deliveredVersion(redis: Redis, key: string): Promise<number> {
  return Number((await redis.get(key)) ?? '0');
}
