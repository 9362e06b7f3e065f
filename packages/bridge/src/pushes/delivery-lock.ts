import type { Redis } from 'ioredis';
export { runExclusive as withDeliveryLock } from '../state/exclusive';
import { luaScript } from '@bridge/runtime';

const RAISE_LUA = `local v = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end return v`;
const raiseDelivered = luaScript(RAISE_LUA, 1);

/** Records that `version` reached Qianyi, never lowering what is recorded. */
export async function markDelivered(redis: Redis, key: string, version: number): Promise<void> {
  await raiseDelivered(redis, key, String(version), String(90 * 24 * 3600));
}

export async function deliveredVersion(redis: Redis, key: string): Promise<number> {
  return Number((await redis.get(key)) ?? '0');
}
