import type { AsnListItem } from '@bridge/qianyi';
import type { AsnState } from './asn-state';

/** `yyyy-MM-dd HH:mm:ss` in UTC, the seed's getAsnList example format (it states no time zone). */
export function formatAsnTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * An ASN's state as a getAsnList entry: totals (never increments), receivedQuantity = good + bad. An ASN
 * still with us reads NEW (or SHIPPING), a cancelled one DELETED; a refused one has no entry (the seed has no
 * failure status) and the answer's message says why instead.
 */
export function asnListItem(state: AsnState): AsnListItem | { refused: string } {
  if (state.phase === 'failed' && state.failureKind === 'refused') return { refused: state.failedReason ?? 'refused by eTower' };
  return {
    asnNumber: state.asnNumber,
    wmsStatus: state.status,
    referenceNumber: state.referenceNumber,
    finishTime: state.status === 'FINISHED' && state.finishTime ? formatAsnTime(state.finishTime) : undefined,
    skuList: state.lines.map((l) => ({
      sku: l.sku, name: l.name, estimatedQuantity: l.estimated, receivedQuantity: l.good + l.bad, goodQuantity: l.good, badQuantity: l.bad,
    })),
  };
}
