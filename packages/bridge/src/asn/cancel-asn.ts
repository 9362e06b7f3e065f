import { PENDING_JOB_STATES, jobRef, type JobControl } from '../jobs/job-control';
import type { AsnPhase, AsnState, AsnStore } from './asn-state';

export type CancelAsnOutcome = { ok: boolean; info: string };

export interface CancelAsnDeps {
  tenant: string;
  asns: AsnStore;
  jobs: JobControl;
  /** Waits (bounded) for an in-flight create to settle, so the answer can be definite. */
  waitForCreate(asnNumber: string): Promise<void>;
}

/**
 * Use case: cancel one ASN, by the architecture page's cancel rule. eTower's API has no inbound cancel, so an
 * ASN can be stopped only while it is still with us (queued, retrying, or refused by eTower); once eTower has
 * it, the answer says it must be cancelled in eTower. The phase compare-and-set makes cancel and create
 * exclude each other.
 */
export async function cancelAsn(asnNumber: string, deps: CancelAsnDeps): Promise<CancelAsnOutcome> {
  let state = await deps.asns.get(deps.tenant, asnNumber);
  if (!state)
    return {
      ok: false,
      info: `ASN ${asnNumber} is not known to the bridge (never received, or finished and no longer kept), so there is nothing to cancel`,
    };
  if (state.phase === 'creating') {
    await deps.waitForCreate(asnNumber);
    state = (await deps.asns.get(deps.tenant, asnNumber)) ?? state;
  }
  switch (state.phase) {
    case 'cancelled':
      return { ok: true, info: `ASN ${asnNumber} is cancelled` };
    case 'received':
      return stop(state, ['received'], deps);
    case 'failed':
      if (state.failureKind === 'unreachable') {
        return {
          ok: false,
          info: `ASN ${asnNumber} could not be confirmed as sent or not sent (eTower was unreachable); the bridge keeps checking eTower. If eTower has it, cancel it in eTower`,
        };
      }
      return stop(state, ['failed'], deps);
    case 'creating':
      return {
        ok: false,
        info: `ASN ${asnNumber} is being sent to eTower right now; ask again in a few seconds (once eTower has it, eTower's API cannot cancel it)`,
      };
    case 'created':
      if (state.status === 'DELETED' || state.status === 'CLOSED')
        return { ok: true, info: `ASN ${asnNumber} is already ${state.status} at eTower` };
      return {
        ok: false,
        info: `ASN ${asnNumber} is already at eTower as ${state.referenceNumber ?? 'an inbound order'}; eTower's API cannot cancel an inbound order. Cancel it in eTower: getAsnList shows DELETED once eTower does`,
      };
  }
}

async function stop(state: AsnState, from: AsnPhase[], deps: CancelAsnDeps): Promise<CancelAsnOutcome> {
  const moved = await deps.asns.transition(deps.tenant, state.asnNumber, {
    from,
    patch: { phase: 'cancelled', status: 'DELETED' },
    notify: false,
    open: 'remove',
    note: 'cancelled by Qianyi',
  });
  // Someone moved it first (the create job picked it up): answer from the new phase.
  if (!moved.ok) return cancelAsn(state.asnNumber, { ...deps, waitForCreate: async () => {} });
  // A running job finds the ASN cancelled and stops by itself; a pending one is removed.
  await deps.jobs.remove(
    jobRef('createAsn', { tenant: deps.tenant, asn: { asnNumber: state.asnNumber } }),
    PENDING_JOB_STATES,
  );
  return { ok: true, info: '' };
}
