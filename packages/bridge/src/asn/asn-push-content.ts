import type { PushAsnInfoInput } from '@bridge/qianyi';
import type { AsnLine, AsnState } from './asn-state';

/**
 * What a pushAsnInfo carries per SKU. THE one place this is decided (env ASN_PUSH_QUANTITIES):
 *
 * - 'increment' (default): the quantities received since the previous push Qianyi accepted. The seed calls
 *   pushAsnInfo "incremental receiving" and asks for a unique batchNo so Qianyi never consumes one batch
 *   twice, which only matters if each push is a batch to add. receivedQuantity = goodQuantity + badQuantity
 *   of the increment; estimatedQuantity stays the total announced.
 * - 'total': the running totals, as getAsnList reports them (for a Qianyi that overwrites instead of adds).
 *
 * getAsnList always reports totals. batchNo is `<asnNumber>-<version>`: unique per change, and the same for
 * every retry of that change (the delivery re-sends a push that may have arrived with its batchNo unchanged).
 */
export type AsnPushQuantities = 'increment' | 'total';

/** Per SKU, the good/bad totals Qianyi has been told of so far. */
export type ToldTotals = Record<string, { good: number; bad: number }>;

function asnBatchNo(asnNumber: string, version: number): string {
  return `${asnNumber}-${version}`;
}

export function asnPushContent(
  state: AsnState,
  told: ToldTotals,
  mode: AsnPushQuantities,
): { content: PushAsnInfoInput; totals: ToldTotals } {
  const totals: ToldTotals = Object.fromEntries(state.lines.map((l) => [l.sku, { good: l.good, bad: l.bad }]));
  const skuList = state.lines.map((l: AsnLine) => {
    const before = mode === 'increment' ? (told[l.sku] ?? { good: 0, bad: 0 }) : { good: 0, bad: 0 };
    // eTower correcting a count downwards shows as a negative increment: Qianyi is told the truth, not clamped.
    const good = l.good - before.good;
    const bad = l.bad - before.bad;
    return {
      sku: l.sku,
      ...(l.name ? { name: l.name } : {}),
      estimatedQuantity: l.estimated,
      receivedQuantity: good + bad,
      goodQuantity: good,
      badQuantity: bad,
    };
  });
  const content: PushAsnInfoInput = {
    warehouseCode: state.warehouseCode,
    asnNumber: state.asnNumber,
    wmsStatus: state.status,
    ...(state.referenceNumber ? { referenceNumber: state.referenceNumber } : {}),
    ...(state.status === 'FINISHED' && state.finishTime ? { finishTime: state.finishTime } : {}),
    updateTime: state.updatedAt,
    skuList,
    batchNo: asnBatchNo(state.asnNumber, state.version),
  };
  return { content, totals };
}
