import type { Redis } from 'ioredis';
import { keys } from '../state/keys';

// The SKUs waiting for product/create, as a leased queue: a drain claims up to 30 by pushing their score a
// lease into the future, and removes them once their outcome is recorded. A drain that dies leaves its claim
// to expire, and the next drain takes those SKUs again (eTower's duplicate answer then settles them).
const CLAIM_LUA = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[3], m) end
return due`;

export async function addPending(redis: Redis, tenant: string, sku: string): Promise<void> {
  // NX: a SKU already claimed by a running drain keeps its lease.
  await redis.zadd(keys.skuPending(tenant), 'NX', Date.now(), sku);
}

export async function claimPending(redis: Redis, tenant: string, max: number, leaseMs: number): Promise<string[]> {
  const now = Date.now();
  return (await redis.eval(
    CLAIM_LUA,
    1,
    keys.skuPending(tenant),
    String(now),
    String(max),
    String(now + leaseMs),
  )) as string[];
}

export async function finishPending(redis: Redis, tenant: string, skus: readonly string[]): Promise<void> {
  if (skus.length) await redis.zrem(keys.skuPending(tenant), ...skus);
}

/** Hands claimed SKUs back, due again after `delayMs` (a retryable eTower failure). */
export async function releasePending(
  redis: Redis,
  tenant: string,
  skus: readonly string[],
  delayMs: number,
): Promise<void> {
  if (!skus.length) return;
  const at = Date.now() + delayMs;
  await redis.zadd(keys.skuPending(tenant), ...skus.flatMap((s) => [at, s]));
}

/** When the earliest pending SKU is (or was) due: a lease's end or a retry's time; undefined when none waits. */
export async function nextPendingAt(redis: Redis, tenant: string): Promise<number | undefined> {
  const [, score] = await redis.zrange(keys.skuPending(tenant), 0, 0, 'WITHSCORES');
  return score === undefined ? undefined : Number(score);
}

export function pendingCount(redis: Redis, tenant: string): Promise<number> {
  return redis.zcard(keys.skuPending(tenant));
}
