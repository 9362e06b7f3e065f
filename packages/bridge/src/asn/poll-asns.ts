import { MAX_IDS_PER_QUERY, type EtowerClient } from '@bridge/etower';
import { reviveCreateJob, STUCK_AFTER_MS, type CreateJobs } from '../jobs/revive-create-job';
import type { PushScheduler } from '../jobs/push-scheduler';
import type { AsnPatch, AsnState, AsnStore } from './asn-state';
import { FINAL_ASN_STATUSES, isPushable, viewOfPo, type EtowerPoView } from './asn-status-mapping';

export interface PollAsnsDeps {
  tenant: string;
  etower: Pick<EtowerClient, 'poList'>;
  asns: AsnStore;
  pushes: PushScheduler;
  /** The ASN's create job (by asnNumber), for ASNs whose job died without settling them. */
  createJobs: CreateJobs;
}

/**
 * Use case: re-read every open ASN from b2b/poList (at most 300 referenceNos a call) and record what changed.
 * A change Qianyi's pushAsnInfo can carry (a pushable status, or received quantities) bumps the version and
 * becomes a push; finished, closed and deleted ASNs leave the open set. An ASN eTower does not return keeps
 * its previous state (reference §5.2: do not guess DELETED).
 */
export async function pollOpenAsns(deps: PollAsnsDeps): Promise<{ checked: number; changed: number }> {
  const open = await deps.asns.openIds(deps.tenant);
  let changed = 0;
  for (let i = 0; i < open.length; i += MAX_IDS_PER_QUERY) {
    const batch = open.slice(i, i + MAX_IDS_PER_QUERY);
    const [pos, states] = await Promise.all([
      deps.etower.poList({ referenceNoList: batch }),
      deps.asns.getMany(deps.tenant, batch),
    ]);
    const byRef = new Map(pos.map((p) => [p.referenceNo, p]));
    const leaving: string[] = [];
    for (const asnNumber of batch) {
      const state = states.get(asnNumber);
      if (!state || state.phase === 'cancelled' || (state.phase === 'failed' && state.failureKind !== 'unreachable')) {
        leaving.push(asnNumber);
        continue;
      }
      if (state.phase === 'received' || state.phase === 'creating') {
        if (Date.now() - state.updatedAt > STUCK_AFTER_MS) await rescue(state, deps);
        continue;
      }
      const po = byRef.get(asnNumber);
      if (!po || (state.phase !== 'created' && state.phase !== 'failed')) continue;
      const view = viewOfPo(po, state);
      const patch = changes(state, view);
      const final = FINAL_ASN_STATUSES.has(view.status);
      if (!patch) {
        if (final) leaving.push(asnNumber);
        continue;
      }
      const notify = isPushable(view.status) && (view.status !== state.status || quantitiesChanged(state, view));
      const now = Date.now();
      const moved = await deps.asns.transition(deps.tenant, asnNumber, {
        from: [state.phase],
        patch: { ...patch, ...(view.status === 'FINISHED' && !state.finishTime ? { finishTime: now } : {}) },
        notify,
        open: final ? 'remove' : undefined,
        note: `eTower po status ${view.etowerStatus ?? '?'} (${view.etowerStatusMsg ?? ''}) -> ${view.status}`,
        now,
      });
      if (moved.ok) {
        changed++;
        if (notify) await deps.pushes.asnChanged(deps.tenant, asnNumber, moved.version, now);
      }
    }
    await deps.asns.removeFromOpen(deps.tenant, leaving);
  }
  return { checked: open.length, changed };
}

function quantitiesChanged(state: AsnState, view: EtowerPoView): boolean {
  const key = (lines: AsnState['lines']) =>
    JSON.stringify(lines.map((l) => [l.sku, l.estimated, l.good, l.bad]).sort());
  return key(state.lines) !== key(view.lines);
}

/** What differs from our record, as a patch; undefined when nothing changed. */
function changes(state: AsnState, view: EtowerPoView): AsnPatch | undefined {
  const patch: AsnPatch = {
    phase: 'created',
    status: view.status,
    etowerStatus: view.etowerStatus ?? null,
    etowerStatusMsg: view.etowerStatusMsg ?? null,
    referenceNumber: view.referenceNumber ?? state.referenceNumber ?? null,
    shippingPlanNo: view.shippingPlanNo ?? state.shippingPlanNo ?? null,
    failedReason: null,
    failureKind: null,
  };
  const same = (Object.keys(patch) as Array<keyof AsnPatch>).every(
    (k) => (patch[k] ?? undefined) === ((state as unknown as Record<string, unknown>)[k] ?? undefined),
  );
  if (same && !quantitiesChanged(state, view)) return undefined;
  return { ...patch, lines: view.lines };
}

/** An ASN whose create job died without settling it: the job is run again, or, if it is gone, the ASN is failed. */
async function rescue(state: AsnState, deps: PollAsnsDeps): Promise<void> {
  if ((await reviveCreateJob(state.asnNumber, deps.createJobs)) !== 'lost') return;
  const reason = "the bridge lost this ASN's create job before eTower confirmed it; send it again";
  // Not pushed, like every ASN failure: pushAsnInfo has no failure status; getAsnList's message says it.
  await deps.asns.transition(deps.tenant, state.asnNumber, {
    from: [state.phase],
    patch: { phase: 'failed', failureKind: 'unreachable', failedReason: reason },
    notify: false,
    note: reason,
  });
}
