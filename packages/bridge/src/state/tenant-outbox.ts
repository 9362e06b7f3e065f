import type { Redis } from 'ioredis';
import { escapePart } from './escape-part';
import { globEscape, keys } from './keys';
import { outboxTenant } from './outbox';

const ZSCAN_COUNT = 1000;
const ZREM_BATCH = 300;

/**
 * Counts (`remove: false`) or removes (`remove: true`) the push outbox's entries of `tenant` (state/outbox.ts:
 * `<kind>\n<tenant>\n<id>`, the tenant escaped for '\n'), of any kind. The pattern also finds another tenant's
 * entry whose id holds `\n<tenant>\n`; the entry's second part must be the tenant itself.
 */
export async function sweepTenantOutbox(redis: Redis, tenant: string, remove: boolean): Promise<number> {
  const escaped = escapePart(tenant, '\n');
  let count = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length > 0) count += await redis.zrem(keys.pushOutbox, ...pending);
    pending = [];
  };
  let cursor = '0';
  do {
    const [next, flat] = await redis.zscan(
      keys.pushOutbox,
      cursor,
      'MATCH',
      `*\n${globEscape(escaped)}\n*`,
      'COUNT',
      ZSCAN_COUNT,
    );
    cursor = next;
    // Member, score, member, score...
    for (let i = 0; i < flat.length; i += 2) {
      const member = flat[i]!;
      if (outboxTenant(member) !== tenant) continue;
      if (!remove) count++;
      else if (pending.push(member) >= ZREM_BATCH) await flush();
    }
  } while (cursor !== '0');
  await flush();
  return count;
}
