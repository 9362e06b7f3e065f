import type { Redis } from 'ioredis';
import { bridgeNode, luaScript } from '@bridge/runtime';
import { IS_RECORD_LUA } from './is-record-lua';
import { tenantKeyMatcher, type TenantKeyKind } from './tenant-keys';

/** How many of a tenant's keys there are (or were deleted), per kind; a kind with none is absent. */
export type TenantKeyCounts = Partial<Record<TenantKeyKind, number>>;

/** Keys per SCAN call (a hint to Redis) and per UNLINK. */
const SCAN_COUNT = 1000;
const UNLINK_BATCH = 300;

const isRecord = luaScript<number>(`return (${IS_RECORD_LUA}) and 1 or 0`, 1);
// Checked and deleted in one step: whatever the key is by then, only a record goes.
const unlinkRecord = luaScript<number>(`if ${IS_RECORD_LUA} then return redis.call('UNLINK', KEYS[1]) end return 0`, 1);

/**
 * Counts (`remove: false`) or deletes (`remove: true`) every key of `tenant` that state/tenant-keys.ts knows: the
 * keys it names outright, then one SCAN of the node holding the bridge's keys (SCAN names no key, so in a Cluster
 * it must go to that node), deleting with UNLINK as it goes. Deleting is idempotent: a run stopped half way leaves
 * fewer keys for the next one, and SCAN still finds every key that was there when it started and still is.
 */
export async function sweepTenantKeys(redis: Redis, tenant: string, remove: boolean): Promise<TenantKeyCounts> {
  const matcher = tenantKeyMatcher(tenant);
  const counts: TenantKeyCounts = {};
  const add = (kind: TenantKeyKind, n: number) => {
    if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
  };

  for (const { kind, key } of matcher.named) add(kind, remove ? await redis.unlink(key) : await redis.exists(key));

  const node = await bridgeNode(redis);
  if (!node) throw new Error("no Redis node holds the bridge's keys right now (a Cluster failing over?)");
  // Per kind, so that the count of a deletion is what UNLINK deleted (SCAN may return a key twice).
  const pending = new Map<TenantKeyKind, string[]>();
  const flush = async (kind: TenantKeyKind) => {
    const batch = pending.get(kind);
    if (batch?.length) add(kind, await redis.unlink(...batch));
    pending.delete(kind);
  };
  let cursor = '0';
  do {
    const [next, found] = await node.scan(cursor, 'MATCH', matcher.pattern, 'COUNT', SCAN_COUNT);
    cursor = next;
    for (const key of found) {
      const match = matcher.kindOf(key);
      if (!match) continue;
      if (match.recordsOnly) {
        add(match.kind, await (remove ? unlinkRecord : isRecord)(redis, key));
      } else if (!remove) {
        add(match.kind, 1);
      } else {
        const batch = pending.get(match.kind) ?? [];
        batch.push(key);
        pending.set(match.kind, batch);
        if (batch.length >= UNLINK_BATCH) await flush(match.kind);
      }
    }
  } while (cursor !== '0');
  for (const kind of [...pending.keys()]) await flush(kind);
  return counts;
}
