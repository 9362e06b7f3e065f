import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';

const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const releaseLock = luaScript(RELEASE_LUA, 1);
const RENEW_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const renewLock = luaScript(RENEW_LUA, 1);

/** How long a poll lock outlives a poller that died (it is renewed while the poll runs). */
export const POLL_LOCK_MS = 15000;

/**
 * Runs `work` only if no one else holds `key` (one delivery per document: two pushes of one order racing over
 * the network could arrive in the wrong order; one poll per tenant: two overlapping polls would write an older
 * eTower reading over a newer one). The lock is renewed every third of `ttlMs` while `work` runs, so a long run
 * keeps it and a dead holder's lock expires within `ttlMs` (a poller killed mid-poll must not block the next
 * polls for the length of a whole poll).
 */
export async function runExclusive<T>(
  redis: Redis,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ locked: false } | { locked: true; value: T }> {
  const token = randomUUID();
  const got = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (got !== 'OK') return { locked: false };
  const renew = setInterval(
    () => {
      void renewLock(redis, key, token, String(ttlMs)).catch(() => undefined);
    },
    Math.max(100, Math.floor(ttlMs / 3)),
  );
  try {
    return { locked: true, value: await work() };
  } finally {
    clearInterval(renew);
    await releaseLock(redis, key, token).catch(() => undefined);
  }
}
