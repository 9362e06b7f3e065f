import type { Redis } from 'ioredis';
import { KEY_PREFIX, bridgeNode, luaScript } from '@bridge/runtime';
import { IS_RECORD_LUA } from './is-record-lua';
import { globEscape, keys, legacyAsnRecordPrefix } from './keys';

/** Set of the migrations this Redis has had: each runs once, not at every start. */
const MIGRATIONS = `${KEY_PREFIX}:migrations`;
const NAME = 'asn-record-keys';

/**
 * Moves one key if it is an ASN record (a hash with a phase) and its new name is free. BullMQ's own keys of the asn
 * queue live under the same old prefix and are never records, so they stay where they are.
 */
const moveIfRecord = luaScript<number>(
  `
if not (${IS_RECORD_LUA}) then return 0 end
return redis.call('RENAMENX', KEYS[1], KEYS[2])
`,
  2,
);

/**
 * ASN records were kept under `{bridge}:asn:<tenant>:<asn>`, which the asn queue's keys share (state/keys.ts).
 * A worker starting on a Redis written before that changed moves each configured tenant's records to their own
 * kind, once; their history, ledger and delivered marker already had keys of their own. Returns how many moved.
 */
export async function migrateAsnRecordKeys(redis: Redis, tenants: readonly string[]): Promise<number> {
  if (await redis.sismember(MIGRATIONS, NAME)) return 0;
  const node = await bridgeNode(redis);
  if (!node) throw new Error("no Redis node holds the bridge's keys right now (a Cluster failing over?)");
  let moved = 0;
  for (const tenant of tenants) {
    const prefix = legacyAsnRecordPrefix(tenant);
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', `${globEscape(prefix)}*`, 'COUNT', 1000);
      cursor = next;
      for (const old of batch) moved += await moveIfRecord(redis, old, keys.asn(tenant, old.slice(prefix.length)));
    } while (cursor !== '0');
  }
  await redis.sadd(MIGRATIONS, NAME);
  return moved;
}
