import type { Redis } from 'ioredis';
import type { AsnStore } from '../asn/asn-state';
import type { OrderStore } from '../orders/order-store';
import { clearOutbox, parseOutboxMember, staleOutbox } from '../state/outbox';
import type { PushScheduler } from './push-scheduler';

/**
 * Use case: changes recorded more than `olderThanMs` ago whose outbox entry is still there lost their push job
 * to a crash; enqueue it now (idempotent: the job id carries the version).
 */
export async function drainOutbox(deps: {
  redis: Redis;
  orders: OrderStore;
  asns?: AsnStore;
  pushes: PushScheduler;
  olderThanMs: number;
}): Promise<number> {
  const members = await staleOutbox(deps.redis, deps.olderThanMs);
  let enqueued = 0;
  for (const member of members) {
    const entry = parseOutboxMember(member);
    if (entry?.kind === 'order') {
      const state = await deps.orders.get(entry.tenant, entry.id);
      if (state) {
        await deps.pushes.orderChanged(entry.tenant, entry.id, state.version, state.updatedAt);
        enqueued++;
        continue;
      }
    }
    if (entry?.kind === 'asn' && deps.asns) {
      const state = await deps.asns.get(entry.tenant, entry.id);
      if (state) {
        await deps.pushes.asnChanged(entry.tenant, entry.id, state.version, state.updatedAt);
        enqueued++;
        continue;
      }
    }
    await clearOutbox(deps.redis, member, Number.MAX_SAFE_INTEGER);
  }
  return enqueued;
}
