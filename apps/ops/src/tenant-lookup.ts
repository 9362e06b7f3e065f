import type { Redis } from 'ioredis';
import { recordKeyLookup } from '@bridge/core';
import { bridgeNode } from '@bridge/runtime';
import type { OpsContext } from './context';

/**
 * Which tenants hold a document: --tenant when given, else the configured tenants, else every tenant that has
 * a key for it (SCAN, so an operator can look an order up with nothing but REDIS_URL).
 */
export async function tenantsHolding(
  ctx: OpsContext,
  redis: Redis,
  kind: 'order' | 'asn',
  id: string,
  tenant: string | undefined,
): Promise<string[]> {
  const configured = ctx.tenants(tenant);
  if (configured.length > 0) return configured;
  const found = new Set<string>();
  // In a Redis Cluster a SCAN sees one node's keys: ask the one that holds the bridge's.
  const node = (await bridgeNode(redis)) ?? redis;
  let cursor = '0';
  do {
    const [next, batch] = await node.scan(cursor, 'MATCH', recordKeyLookup.pattern(kind, id), 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      const holder = recordKeyLookup.tenantOf(kind, id, key);
      if (holder !== undefined) found.add(holder);
    }
  } while (cursor !== '0');
  return [...found].sort();
}
