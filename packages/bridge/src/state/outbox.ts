import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';
import { escapePart, unescapePart } from './escape-part';
import { keys } from './keys';

export type OutboxKind = 'order' | 'asn';

/**
 * `<kind>\n<tenant>\n<id>`: the tenant escaped for '\n' (state/escape-part.ts), so the second newline always ends
 * it; the id is the rest and may hold anything. Products never push: their member is one the drain clears.
 */
export function outboxMember(kind: OutboxKind | 'sku', tenant: string, id: string): string {
  return `${kind}\n${escapePart(tenant, '\n')}\n${id}`;
}

/** The parts of any member, a product's too (`sku`); undefined for a string that is no member. */
function splitOutboxMember(member: string): { kind: string; tenant: string; id: string } | undefined {
  const first = member.indexOf('\n');
  const second = member.indexOf('\n', first + 1);
  if (first < 0 || second < 0) return undefined;
  return {
    kind: member.slice(0, first),
    tenant: unescapePart(member.slice(first + 1, second)),
    id: member.slice(second + 1),
  };
}

export function parseOutboxMember(member: string): { kind: OutboxKind; tenant: string; id: string } | undefined {
  const parts = splitOutboxMember(member);
  if (parts?.kind !== 'order' && parts?.kind !== 'asn') return undefined;
  return { ...parts, kind: parts.kind };
}

/** The tenant of any member, of whatever kind (forgetting a tenant removes its products' entries too). */
export function outboxTenant(member: string): string | undefined {
  return splitOutboxMember(member)?.tenant;
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
