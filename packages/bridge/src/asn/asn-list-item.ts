import type { AsnListItem } from '@bridge/qianyi';
import type { AsnState } from './asn-state';

/** `yyyy-MM-dd HH:mm:ss` in UTC, the seed's getAsnList example format (it states no time zone). */
function formatAsnTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * An ASN's state as a getAsnList entry: totals (never increments), receivedQuantity = good + bad. An ASN
 * still with us reads NEW (or SHIPPING), a cancelled one DELETED; a failed one has no entry (the seed has no
 * failure status) and the answer's message says why instead: refused by eTower, or not confirmed by it (eTower
 * unreachable on every attempt, or the create job lost). The poller keeps reading an unconfirmed one, so if
 * eTower did take it, it is listed again.
 */
export function asnListItem(state: AsnState): AsnListItem | { failed: string } {
  if (state.phase === 'failed') {
    const reason = state.failedReason ?? 'no reason recorded';
    return {
      failed: state.failureKind === 'refused' ? `refused by eTower: ${reason}` : `not confirmed by eTower: ${reason}`,
    };
  }
  return {
    asnNumber: state.asnNumber,
    wmsStatus: state.status,
    referenceNumber: state.referenceNumber,
    finishTime: state.status === 'FINISHED' && state.finishTime ? formatAsnTime(state.finishTime) : undefined,
    skuList: state.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      estimatedQuantity: l.estimated,
      receivedQuantity: l.good + l.bad,
      goodQuantity: l.good,
      badQuantity: l.bad,
    })),
  };
}
