import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';
import { keys } from './keys';

export type OutboxKind = 'order' | 'asn';

export function outboxMember(kind: OutboxKind, tenant: string, id: string): string {
  return `${kind}\n${tenant}\n${id}`;
}

export function parseOutboxMember(member: string): { kind: OutboxKind; tenant: string; id: string } | undefined {
  const [kind, tenant, ...rest] = member.split('\n');
  if ((kind !== 'order' && kind !== 'asn') || !tenant || rest.length === 0) return undefined;
  return { kind, tenant, id: rest.join('\n') };
}

/** Entries older than `olderThanMs`: changes whose push may not have been enqueued. */
export function staleOutbox(redis: Redis, olderThanMs: number, limit = 1000): Promise<string[]> {
  return redis.zrangebyscore(keys.pushOutbox, '-inf', Date.now() - olderThanMs, 'LIMIT', 0, limit);
}

// Removes the entry only if no newer change re-added it after the push was enqueued (its score would be newer).
const CLEAR_LUA = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`;

const clearIfNotNewer = luaScript(CLEAR_LUA, 1);

export async function clearOutbox(redis: Redis, member: string, changedAtOrBefore: number): Promise<void> {
  await clearIfNotNewer(redis, keys.pushOutbox, member, String(changedAtOrBefore));
}
