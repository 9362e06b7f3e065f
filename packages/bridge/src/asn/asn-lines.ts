import type { EtowerPoLine } from '@bridge/etower';
import type { CreateAsnOrderContent } from '@bridge/qianyi';
import type { AsnLine } from './asn-state';

/** Qianyi's announced lines as the ASN's starting totals (a SKU listed twice is one line). */
export function announcedLines(asn: CreateAsnOrderContent): AsnLine[] {
  const lines = new Map<string, AsnLine>();
  for (const l of asn.skuList) {
    const line = lines.get(l.sku) ?? { sku: l.sku, ...(l.name ? { name: l.name } : {}), estimated: 0, good: 0, bad: 0 };
    line.estimated += l.quantity;
    lines.set(l.sku, line);
  }
  return [...lines.values()];
}

/**
 * eTower's poList lines as one line per SKU, in the order each SKU first appears. eTower lists a line per box,
 * so a SKU packed in three boxes comes back three times; read one by one, the last box's figures would stand for
 * the SKU (the ASN looks a third received, and the next push's increment is computed against the wrong total).
 * Forecast and put-away quantities are summed.
 */
export function mergePoLinesBySku(
  details: readonly Pick<EtowerPoLine, 'sku' | 'forecastAmount' | 'putAwayQty'>[],
): Array<{ sku: string; forecast: number; putAway: number }> {
  const bySku = new Map<string, { sku: string; forecast: number; putAway: number }>();
  for (const d of details) {
    const line = bySku.get(d.sku);
    if (line) {
      line.forecast += d.forecastAmount;
      line.putAway += d.putAwayQty;
    } else bySku.set(d.sku, { sku: d.sku, forecast: d.forecastAmount, putAway: d.putAwayQty });
  }
  return [...bySku.values()];
}
