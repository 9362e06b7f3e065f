import type { Cluster, Redis } from 'ioredis';
import { KEY_PREFIX } from './redis';

let slot: number | undefined;

/**
 * The connection that holds the bridge's keys: the connection itself, or in a Redis Cluster the primary that owns
 * the `{bridge}` hash tag's slot. Commands that name no key (WAIT, SCAN) go there: a Cluster client would send them
 * to any node, where a SCAN finds nothing and a WAIT vouches for nothing.
 */
export async function bridgeNode(redis: Redis): Promise<Redis | undefined> {
  const cluster = redis as unknown as Cluster & { isCluster?: boolean };
  if (!cluster.isCluster) return redis;
  // The slot of a constant hash tag never changes; which node owns it can, so that is looked up every time.
  slot ??= Number(await cluster.call('CLUSTER', 'KEYSLOT', KEY_PREFIX));
  const owner = cluster.slots[slot]?.[0];
  return cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner);
}
