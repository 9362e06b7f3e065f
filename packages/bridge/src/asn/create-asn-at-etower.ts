import { classifyEtowerFailure, EtowerBusinessError, type EtowerClient } from '@bridge/etower';
import type { Tenant } from '@bridge/config';
import type { CreateAsnOrderContent } from '@bridge/qianyi';
import type { PushScheduler } from '../jobs/push-scheduler';
import { toEtowerPo } from './asn-mapping';
import { AsnRefusedError } from './asn-refused-error';
import type { AsnState, AsnStore } from './asn-state';
import { FINAL_ASN_STATUSES, isPushable, viewOfPo, type EtowerPoView } from './asn-status-mapping';
import { initialAsnFields } from './submit-asn';

export interface CreateAsnDeps {
  tenant: Tenant;
  etower: Pick<EtowerClient, 'createPo' | 'poList'>;
  asns: AsnStore;
  pushes: PushScheduler;
  /** Whether a retryable failure of this kind ends the job (then recorded as failed, still polled). */
  finalAttempt(kind: string): boolean;
}

export type CreateAsnOutcome = { outcome: 'created'; referenceNumber: string } | { outcome: 'cancelled' };

/** eTower said it has the referenceNo (or gave no orderNo) yet poList does not show it: retried. */
class AsnNotVisibleError extends Error {
  override name = 'AsnNotVisibleError';
}

/**
 * Use case: send one ASN to eTower b2b/po exactly once (referenceNo = asnNumber). The same recipe as orders:
 * phase received -> creating -> created | failed by compare-and-set; an attempt after a crash, a duplicate
 * refusal (600904) or an answer without orderNo is resolved by reading the po back with poList.
 */
export async function createAsnAtEtower(asn: CreateAsnOrderContent, deps: CreateAsnDeps): Promise<CreateAsnOutcome> {
  const tenant = deps.tenant.accessId;
  const current = await deps.asns.get(tenant, asn.asnNumber);
  const done = alreadyDone(current);
  if (done) return done;
  const start = await deps.asns.transition(tenant, asn.asnNumber, {
    from: current ? ['received', 'creating', 'failed'] : 'absent',
    patch: { phase: 'creating', ...(current ? {} : initialAsnFields(asn)) },
    notify: false,
    note: 'b2b/po call to eTower',
  });
  if (!start.ok) {
    const settled = alreadyDone(await deps.asns.get(tenant, asn.asnNumber));
    if (settled) return settled;
    throw new Error(`ASN ${asn.asnNumber} is ${start.current ?? 'missing'}; cannot start creating it`);
  }
  const state = (await deps.asns.get(tenant, asn.asnNumber))!;
  try {
    if (start.from === 'creating' || current?.failureKind === 'unreachable') {
      const existing = await readBack(asn.asnNumber, state, deps);
      if (existing) return await adopt(asn.asnNumber, existing, deps);
    }
    const mapped = toEtowerPo(asn, deps.tenant.asnShipper);
    if (!mapped.ok) {
      await recordFailure(asn.asnNumber, mapped.message, 'refused', deps);
      throw new AsnRefusedError(mapped.message);
    }
    let duplicate = false;
    try {
      const created = await deps.etower.createPo(mapped.po);
      if (created.orderNo) {
        // poList may lag behind the create: then the answer's numbers stand, and the poller fills in the rest.
        const view = (await readBack(asn.asnNumber, state, deps)) ?? {
          status: state.status,
          lines: state.lines,
          referenceNumber: created.orderNo,
          ...(created.shippingPlanNo ? { shippingPlanNo: created.shippingPlanNo } : {}),
        };
        return await adopt(asn.asnNumber, view, deps);
      }
    } catch (err) {
      if (!(err instanceof EtowerBusinessError && err.duplicate)) throw err;
      duplicate = true;
    }
    const existing = await readBack(asn.asnNumber, state, deps);
    if (existing) return await adopt(asn.asnNumber, existing, deps);
    throw new AsnNotVisibleError(
      `eTower ${duplicate ? 'reports ASN ' + asn.asnNumber + ' as existing' : 'gave no orderNo for ASN ' + asn.asnNumber} but poList does not show it yet`,
    );
  } catch (err) {
    if (err instanceof AsnRefusedError) throw err;
    const failure = classifyEtowerFailure(err);
    if (!failure.retryable) {
      await recordFailure(asn.asnNumber, failure.message, 'refused', deps);
      throw new AsnRefusedError(failure.message);
    }
    if (deps.finalAttempt(failure.kind)) {
      await recordFailure(
        asn.asnNumber,
        `could not be sent to eTower after repeated attempts: ${failure.message}`,
        'unreachable',
        deps,
      );
      throw new AsnRefusedError(failure.message);
    }
    throw err;
  }
}

function alreadyDone(state: AsnState | undefined): CreateAsnOutcome | undefined {
  if (state?.phase === 'cancelled') return { outcome: 'cancelled' };
  if (state?.phase === 'created') return { outcome: 'created', referenceNumber: state.referenceNumber ?? '' };
  return undefined;
}

async function readBack(asnNumber: string, state: AsnState, deps: CreateAsnDeps): Promise<EtowerPoView | undefined> {
  const [po] = (await deps.etower.poList({ referenceNoList: [asnNumber] })).filter((p) => p.referenceNo === asnNumber);
  return po ? viewOfPo(po, state) : undefined;
}

async function adopt(asnNumber: string, view: EtowerPoView, deps: CreateAsnDeps): Promise<CreateAsnOutcome> {
  const tenant = deps.tenant.accessId;
  const now = Date.now();
  const notify = isPushable(view.status);
  const moved = await deps.asns.transition(tenant, asnNumber, {
    from: ['creating'],
    patch: {
      phase: 'created',
      status: view.status,
      lines: view.lines,
      failedReason: null,
      failureKind: null,
      etowerStatus: view.etowerStatus ?? null,
      etowerStatusMsg: view.etowerStatusMsg ?? null,
      referenceNumber: view.referenceNumber ?? null,
      shippingPlanNo: view.shippingPlanNo ?? null,
      ...(view.status === 'FINISHED' ? { finishTime: now } : {}),
    },
    notify,
    open: FINAL_ASN_STATUSES.has(view.status) ? 'remove' : 'add',
    note: `created at eTower as ${view.referenceNumber ?? '?'}`,
    now,
  });
  if (!moved.ok) {
    const settled = alreadyDone(await deps.asns.get(tenant, asnNumber));
    if (settled) return settled;
    throw new Error(`ASN ${asnNumber} changed to ${moved.current} while it was being created`);
  }
  if (notify) await deps.pushes.asnChanged(tenant, asnNumber, moved.version, now);
  return { outcome: 'created', referenceNumber: view.referenceNumber ?? '' };
}

async function recordFailure(
  asnNumber: string,
  reason: string,
  kind: 'refused' | 'unreachable',
  deps: CreateAsnDeps,
): Promise<void> {
  // Not pushed: pushAsnInfo has no failure status; createAsnOrder's answer and getAsnList's message say it.
  await deps.asns.transition(deps.tenant.accessId, asnNumber, {
    from: ['creating'],
    patch: { phase: 'failed', failedReason: reason, failureKind: kind },
    notify: false,
    open: kind === 'unreachable' ? 'add' : 'remove',
    note: reason,
  });
}
