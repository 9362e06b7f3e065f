import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';
import { jobRef, type JobRef } from '../jobs/job-control';
import { finishedJobKeys } from '../jobs/queues';
import { keys } from '../state/keys';
import { outboxMember } from '../state/outbox';
import { EXPIRE_DOCUMENT_LUA } from './expire-lua';
import { PUSH_VERSIONS_SWEPT, SWEEP_BATCH, SWEEP_MAX_BATCHES } from './retention-policy';
import { FINAL_ORDER_PHASES } from '../orders/order-store';
import { FINAL_ASN_PHASES } from '../asn/asn-state';
import { FINAL_SKU_PHASES } from '../skus/sku-state';

// The number of keys varies with the document (its push versions): one caller per count, all of one script.
const callers = new Map<number, ReturnType<typeof luaScript<string>>>();
function expireDocument(redis: Redis, keyList: string[], args: string[]): Promise<string> {
  let call = callers.get(keyList.length);
  if (!call) {
    call = luaScript<string>(EXPIRE_DOCUMENT_LUA, keyList.length);
    callers.set(keyList.length, call);
  }
  return call(redis, ...keyList, ...args);
}

type Kind = 'order' | 'asn' | 'sku';

/** What makes up a document of each kind: its keys, and the jobs that were about it alone. */
interface KindLayout {
  record(tenant: string, id: string): string;
  history(tenant: string, id: string): string;
  open(tenant: string): string;
  pending(tenant: string): string;
  finalPhases: readonly string[];
  others(tenant: string, id: string): string[];
  jobs(tenant: string, id: string, version: number): JobRef[];
}

function pushJobs(kind: 'pushOrderInfo' | 'pushAsnInfo', tenant: string, id: string, version: number): JobRef[] {
  const refs: JobRef[] = [];
  for (let v = version; v >= Math.max(1, version - PUSH_VERSIONS_SWEPT + 1); v--) {
    refs.push(
      kind === 'pushOrderInfo'
        ? jobRef(kind, { tenant, orderNumber: id, version: v })
        : jobRef(kind, { tenant, asnNumber: id, version: v }),
    );
  }
  return refs;
}

const LAYOUTS: Record<Kind, KindLayout> = {
  order: {
    record: keys.order,
    history: keys.orderHistory,
    open: keys.openOrders,
    pending: keys.skuNeverPolled,
    finalPhases: FINAL_ORDER_PHASES,
    others: (t, id) => [keys.orderLabel(t, id), keys.orderDelivered(t, id)],
    jobs: (t, id, v) => [
      jobRef('createOrder', { tenant: t, order: { orderNumber: id } }),
      jobRef('releaseOrder', { tenant: t, orderNumber: id }),
      ...pushJobs('pushOrderInfo', t, id, v),
    ],
  },
  asn: {
    record: keys.asn,
    history: keys.asnHistory,
    open: keys.openAsns,
    pending: keys.skuNeverPolled,
    finalPhases: FINAL_ASN_PHASES,
    others: (t, id) => [keys.asnDelivered(t, id), keys.asnPushLedger(t, id)],
    jobs: (t, id, v) => [
      jobRef('createAsn', { tenant: t, asn: { asnNumber: id } }),
      ...pushJobs('pushAsnInfo', t, id, v),
    ],
  },
  sku: {
    // Products are drained per tenant (createProducts jobs are not about one product): only the record goes.
    record: keys.sku,
    history: keys.skuHistory,
    open: keys.skuNeverPolled,
    pending: keys.skuPending,
    finalPhases: FINAL_SKU_PHASES,
    others: () => [],
    jobs: () => [],
  },
};

export interface SweepResult {
  deleted: number;
  postponed: number;
  reopened: number;
}

export interface SweepDeps {
  redis: Redis;
  tenant: string;
  retentionMs: number;
  /** How soon a finished document whose push is still under way is looked at again. */
  recheckMs: number;
  now?: number;
}

/**
 * Use case (sweepExpired job): delete the tenant's documents that finished more than the retention ago, each
 * everything at once (record, history, label, delivered marker, push ledger, poll-set, outbox and index entries,
 * and the jobs that were about it alone), by the rule of expire-lua.ts. At most SWEEP_BATCH × SWEEP_MAX_BATCHES
 * per kind per sweep.
 */
export async function sweepExpired(deps: SweepDeps): Promise<SweepResult> {
  const now = deps.now ?? Date.now();
  const result: SweepResult = { deleted: 0, postponed: 0, reopened: 0 };
  for (const kind of ['order', 'asn', 'sku'] as const) {
    const index = keys.expiring(deps.tenant, kind);
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const due = await deps.redis.zrangebyscore(index, '-inf', now - deps.retentionMs, 'LIMIT', 0, SWEEP_BATCH);
      if (due.length === 0) break;
      const outcomes = await expireBatch(deps, kind, due, now);
      for (const o of outcomes) {
        if (o === 'deleted') result.deleted++;
        else if (o === 'pending') result.postponed++;
        else if (o === 'open') result.reopened++;
      }
      if (due.length < SWEEP_BATCH) break;
    }
  }
  return result;
}

async function expireBatch(deps: SweepDeps, kind: Kind, ids: readonly string[], now: number): Promise<string[]> {
  const layout = LAYOUTS[kind];
  const t = deps.tenant;
  const read = deps.redis.pipeline();
  for (const id of ids) read.hget(layout.record(t, id), 'version');
  const versions = ((await read.exec()) ?? []).map(([err, v]) => {
    if (err) throw err;
    return (v as string | null) ?? '0';
  });
  // Postponed to the next look: its score then lies one recheck past the retention's cut-off.
  const postponeTo = String(now - deps.retentionMs + deps.recheckMs);
  return Promise.all(
    ids.map((id, i) => {
      const others = layout.others(t, id);
      const jobs = layout.jobs(t, id, Number(versions[i]));
      const member = kind === 'sku' ? '' : outboxMember(kind, t, id);
      return expireDocument(
        deps.redis,
        [
          layout.record(t, id),
          layout.history(t, id),
          layout.open(t),
          keys.pushOutbox,
          keys.expiring(t, kind),
          layout.pending(t),
          ...others,
          ...jobs.flatMap(finishedJobKeys),
        ],
        [
          id,
          member,
          layout.finalPhases.join(','),
          versions[i]!,
          postponeTo,
          String(others.length),
          String(jobs.length),
          ...jobs.map((j) => j.id),
        ],
      );
    }),
  );
}
