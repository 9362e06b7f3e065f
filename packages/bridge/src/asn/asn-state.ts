import type { Redis } from 'ioredis';
import type { AsnStatus } from '@bridge/qianyi';
import { DocumentStore } from '../state/document-store';
import { keys } from '../state/keys';

/**
 * An inbound order's progress on our side. Like an outbound order's phase, it decides whether a cancel can
 * still stop it: only while it has not reached eTower (eTower's API has no inbound cancel).
 */
export type AsnPhase = 'received' | 'creating' | 'created' | 'cancelled' | 'failed';

/** Per SKU: totals as eTower reports them (getAsnList shows these; pushes may show increments). */
export interface AsnLine {
  sku: string;
  name?: string;
  estimated: number;
  good: number;
  bad: number;
}

export interface AsnState {
  tenant: string;
  asnNumber: string;
  phase: AsnPhase;
  /** What Qianyi is told (asn-status-mapping.ts). */
  status: AsnStatus;
  /** eTower's raw po status and its text, kept beside the mapped one (the enum is undocumented). */
  etowerStatus?: number;
  etowerStatusMsg?: string;
  warehouseCode: string;
  /** eTower's inbound orderNo: getAsnList's referenceNumber. */
  referenceNumber?: string;
  shippingPlanNo?: string;
  trackNumber?: string;
  /** Qianyi's estimatedArrivalDate (ms). */
  eta?: number;
  lines: AsnLine[];
  /** When the bridge first saw it FINISHED (ms). */
  finishTime?: number;
  failedReason?: string;
  failureKind?: 'refused' | 'unreachable';
  version: number;
  createdAt: number;
  updatedAt: number;
}

export type AsnPatch = {
  [K in Exclude<keyof AsnState, 'tenant' | 'asnNumber' | 'version' | 'createdAt' | 'updatedAt'>]?: AsnState[K] | null;
};

/** Phases an ASN ends in: once also out of the poll set (finished, closed or deleted at eTower), it may expire. */
export const FINAL_ASN_PHASES: readonly AsnPhase[] = ['created', 'cancelled', 'failed'];

export class AsnStore extends DocumentStore<AsnState, AsnPhase, AsnPatch> {
  constructor(redis: Redis) {
    super(
      redis,
      'asn',
      { record: keys.asn, history: keys.asnHistory, open: keys.openAsns, expiring: (t) => keys.expiring(t, 'asn') },
      {
        numbers: new Set(['etowerStatus', 'eta', 'finishTime']),
        json: new Set(['lines']),
        finalPhases: FINAL_ASN_PHASES,
      },
      'asnNumber',
    );
  }
}
