import type { Redis } from 'ioredis';
import type { Env } from '@bridge/config';
import { ReplicaAck } from '@bridge/runtime';
import { AsnStore } from './asn/asn-state';
import { CatalogStore } from './catalog/catalog-store';
import { InventorySnapshotStore } from './inventory/snapshot-store';
import type { JobControl } from './jobs/job-control';
import { OrderStore } from './orders/order-store';
import { PushScheduler } from './jobs/push-scheduler';
import { SkuStore } from './skus/sku-state';

/** The state stores and the push scheduler, as both the ingress and the worker use them. */
export interface BridgeStores {
  catalogStore: CatalogStore;
  orders: OrderStore;
  asns: AsnStore;
  skus: SkuStore;
  snapshots: InventorySnapshotStore;
  pushes: PushScheduler;
  /** Confirms that REDIS_MIN_REPLICAS_ACK replicas hold what was written, before Qianyi is told of it. */
  replicas: ReplicaAck;
}

export function createStores(redis: Redis, jobs: JobControl, env: Env): BridgeStores {
  return {
    catalogStore: new CatalogStore(redis),
    orders: new OrderStore(redis),
    asns: new AsnStore(redis),
    skus: new SkuStore(redis),
    snapshots: new InventorySnapshotStore(redis),
    // A push is tried once per entry of the webhook schedule.
    pushes: new PushScheduler(jobs, redis, env.WEBHOOK_RETRY_SCHEDULE_MS.length),
    replicas: new ReplicaAck(redis, env.REDIS_MIN_REPLICAS_ACK, env.REDIS_REPLICA_ACK_TIMEOUT_MS),
  };
}
