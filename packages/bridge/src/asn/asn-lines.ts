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
