import type { Redis } from 'ioredis';
import type { Tenant } from '@bridge/config';
import type { ReplicaAck } from '@bridge/runtime';
import type { PushAsnInfoInput } from '@bridge/qianyi';
import type { AsnStore } from './asn-state';
import { isPushable } from './asn-status-mapping';
import { keys } from '../state/keys';
import { asnPushContent, type AsnPushQuantities, type ToldTotals } from './asn-push-content';
import { deliveredVersion, markDelivered, withDeliveryLock } from '../pushes/delivery-lock';
import { sendPush } from '../pushes/webhook-client';

export type AsnPushOutcome = 'delivered' | 'superseded' | 'already-delivered' | 'not-pushable' | 'unknown-asn' | 'busy';

export interface DeliverAsnPushDeps {
  asns: AsnStore;
  redis: Redis;
  tenant: Tenant;
  quantities: AsnPushQuantities;
  /** The in-flight record (batchNo and quantities) must outlive a Redis failover before it is sent: see send(). */
  replicas: Pick<ReplicaAck, 'require'>;
  /** The job's deadline: a push still waiting for Qianyi's answer when it aborts stays in flight, re-sent next time. */
  signal?: AbortSignal;
}

interface InFlight {
  version: number;
  content: PushAsnInfoInput;
  totals: ToldTotals;
}

/**
 * Use case: tell Qianyi an ASN's receiving as of `version`, through the orders' machinery (one delivery per
 * document at a time, delivered-version mark, newer supersedes older). Increments add one rule: a push that
 * may have reached Qianyi (sent, no answer) is recorded as "in flight" before sending and is re-sent, same
 * batchNo and same quantities, before anything newer, until Qianyi accepts it. So Qianyi deduplicates a
 * repeat by batchNo, and no increment is ever lost or counted twice.
 */
export async function deliverAsnPush(
  asnNumber: string,
  version: number,
  deps: DeliverAsnPushDeps,
): Promise<AsnPushOutcome> {
  const tenant = deps.tenant.accessId;
  const deliveredKey = keys.asnDelivered(tenant, asnNumber);
  const ledgerKey = keys.asnPushLedger(tenant, asnNumber);
  const result = await withDeliveryLock(
    deps.redis,
    keys.pushLock(tenant, 'asn', asnNumber),
    60000,
    async (): Promise<AsnPushOutcome> => {
      const state = await deps.asns.get(tenant, asnNumber);
      if (!state) return 'unknown-asn';
      const pending = await deps.redis.hget(ledgerKey, 'inflight');
      if (pending) await send(JSON.parse(pending) as InFlight);
      if (state.version > version) return 'superseded';
      if ((await deliveredVersion(deps.redis, deliveredKey)) >= state.version) return 'already-delivered';
      if (!isPushable(state.status)) return 'not-pushable';
      const told = JSON.parse((await deps.redis.hget(ledgerKey, 'told')) ?? '{}') as ToldTotals;
      const built = asnPushContent(state, told, deps.quantities);
      const inflight: InFlight = { version: state.version, ...built };
      await deps.redis.hset(ledgerKey, 'inflight', JSON.stringify(inflight));
      await send(inflight);
      return 'delivered';
    },
  );
  return result.locked ? result.value : 'busy';

  async function send(push: InFlight): Promise<void> {
    // An increment Qianyi accepted whose record a failover lost would be sent again under a new batchNo and counted
    // twice: nothing leaves before the replicas hold the in-flight record.
    await deps.replicas.require();
    await sendPush(deps.tenant, 'pushAsnInfo', push.content, deps.signal ? { signal: deps.signal } : {});
    await deps.redis.multi().hset(ledgerKey, 'told', JSON.stringify(push.totals)).hdel(ledgerKey, 'inflight').exec();
    await markDelivered(deps.redis, deliveredKey, push.version);
  }
}
