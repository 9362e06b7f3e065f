import type { Redis } from 'ioredis';
import type { Tenant } from '@bridge/config';
import type { ReplicaAck } from '@bridge/runtime';
import type { OrderStore } from './order-store';
import { keys } from '../state/keys';
import { deliveredVersion, markDelivered, withDeliveryLock } from '../pushes/delivery-lock';
import { orderPushContent } from './order-push-content';
import { sendPush } from '../pushes/webhook-client';

export type PushOutcome = 'delivered' | 'superseded' | 'already-delivered' | 'unknown-order' | 'busy';

export interface DeliverOrderPushDeps {
  store: OrderStore;
  redis: Redis;
  tenant: Tenant;
  /** What Qianyi is told must outlive a Redis failover: the replicas confirm the state before it is sent. */
  replicas: Pick<ReplicaAck, 'require'>;
  /** The job's deadline: a push still waiting for Qianyi's answer when it aborts is abandoned (and retried). */
  signal?: AbortSignal;
}

/**
 * Use case: tell Qianyi the order's state as of `version`. A newer change supersedes this push (its own job
 * sends the newer state); a version already delivered is not sent again.
 */
export async function deliverOrderPush(
  orderNumber: string,
  version: number,
  deps: DeliverOrderPushDeps,
): Promise<PushOutcome> {
  const tenant = deps.tenant.accessId;
  const deliveredKey = keys.orderDelivered(tenant, orderNumber);
  const result = await withDeliveryLock(
    deps.redis,
    keys.pushLock(tenant, 'order', orderNumber),
    60000,
    async (): Promise<PushOutcome> => {
      // Both reads at once: a poll's changes arrive as hundreds of pushes together, and each round trip under the
      // lock is one more for every push behind it (bench case 7).
      const [state, delivered] = await Promise.all([
        deps.store.get(tenant, orderNumber),
        deliveredVersion(deps.redis, deliveredKey),
      ]);
      if (!state) return 'unknown-order';
      if (state.version > version) return 'superseded';
      if (delivered >= version) return 'already-delivered';
      // Told, then lost with the old primary, the state would step back at getOrder: not before the replicas hold it.
      await deps.replicas.require();
      await sendPush(deps.tenant, 'pushOrderInfo', orderPushContent(state), deps.signal ? { signal: deps.signal } : {});
      await markDelivered(deps.redis, deliveredKey, state.version);
      return 'delivered';
    },
  );
  return result.locked ? result.value : 'busy';
}
