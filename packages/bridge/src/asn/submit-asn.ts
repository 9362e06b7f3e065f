import type { Tenant } from '@bridge/config';
import type { CreateAsnOrderContent } from '@bridge/qianyi';
import { FINISHED_JOB_STATES, jobRef, type JobControl, type JobRef } from '../jobs/job-control';
import { announcedLines } from './asn-lines';
import { toEtowerPo } from './asn-mapping';
import type { AsnState, AsnStore } from './asn-state';
import { initialAsnStatus } from './asn-status-mapping';

export type SubmitAsnOutcome =
  | { kind: 'refused'; message: string }
  | { kind: 'created'; referenceNumber: string }
  | { kind: 'queued'; job: JobRef<'createAsn'> };

export function initialAsnFields(asn: CreateAsnOrderContent): Partial<AsnState> {
  const hints = {
    ...(asn.trackNumber ? { trackNumber: asn.trackNumber } : {}),
    ...(asn.estimatedArrivalDate ? { eta: asn.estimatedArrivalDate } : {}),
  };
  return { ...hints, status: initialAsnStatus(hints), warehouseCode: asn.warehouseCode, lines: announcedLines(asn) };
}

/**
 * Use case (ingress side): take a createAsnOrder. Like submitOrder: refused early when the po cannot be built
 * (no shipper configured, no box size), record before job, deterministic job id so repeats make one job,
 * and a repeat of an ASN already at eTower answered from the record.
 */
export async function submitAsn(
  asn: CreateAsnOrderContent,
  deps: { tenant: Tenant; asns: AsnStore; jobs: JobControl; trace?: { reqId?: string } },
): Promise<SubmitAsnOutcome> {
  const mapped = toEtowerPo(asn, deps.tenant.asnShipper);
  if (!mapped.ok) return { kind: 'refused', message: mapped.message };
  const tenant = deps.tenant.accessId;
  const existing = await deps.asns.get(tenant, asn.asnNumber);
  if (existing?.phase === 'created') return { kind: 'created', referenceNumber: existing.referenceNumber ?? '' };
  if (existing?.phase === 'cancelled') {
    return {
      kind: 'refused',
      message: `ASN ${asn.asnNumber} was cancelled earlier and will not be sent again; create it under a new ASN number`,
    };
  }
  if (!existing) {
    // In the open set from the start: the poller looks after ASNs whose create job died with its worker.
    await deps.asns.transition(tenant, asn.asnNumber, {
      from: 'absent',
      patch: { phase: 'received', ...initialAsnFields(asn) },
      notify: false,
      open: 'add',
      note: 'received from Qianyi',
    });
  } else if (existing.phase === 'failed') {
    const again = await deps.asns.transition(tenant, asn.asnNumber, {
      from: ['failed'],
      patch: { phase: 'received', failedReason: null, ...initialAsnFields(asn) },
      notify: false,
      open: 'add',
      note: 'sent again by Qianyi',
    });
    if (again.ok) await deps.jobs.remove(jobRef('createAsn', { tenant, asn }), FINISHED_JOB_STATES);
  }
  const job = await deps.jobs.add('createAsn', { tenant, asn }, { ...(deps.trace ? { trace: deps.trace } : {}) });
  return { kind: 'queued', job };
}
