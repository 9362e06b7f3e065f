import type { Redis } from 'ioredis';
import { KEY_PREFIX } from '@bridge/runtime';
import type { OpsContext } from './context';

const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/**
 * Which tenants hold a document: --tenant when given, else the configured tenants, else every tenant that has
 * a key for it (SCAN, so an operator can look an order up with nothing but REDIS_URL).
 */
export async function tenantsHolding(ctx: OpsContext, redis: Redis, kind: string, id: string, tenant: string | undefined): Promise<string[]> {
  const configured = ctx.tenants(tenant);
  if (configured.length > 0) return configured;
  const prefix = `${KEY_PREFIX}:${kind}:`;
  const suffix = `:${id}`;
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${globEscape(prefix)}*${globEscape(suffix)}`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) found.add(key.slice(prefix.length, key.length - suffix.length));
  } while (cursor !== '0');
  return [...found].sort();
}
