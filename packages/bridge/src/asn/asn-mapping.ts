import type { AsnShipper } from '@bridge/config';
import type { EtowerPoBoxInput, EtowerPoInput } from '@bridge/etower';
import type { AsnMarkSku, CreateAsnOrderContent } from '@bridge/qianyi';

export type PoMapping = { ok: true; po: EtowerPoInput } | { ok: false; message: string };

const SHIPPER_FIELDS = [
  'shipperWarehouseCode',
  'shipperContactName',
  'shipperBizName',
  'shipperPhone',
  'shipperEmail',
  'country',
  'state',
  'city',
  'district',
  'postCode',
  'addressLine1',
  'addressLine2',
  'addressLine3',
] as const;

const cm = (v: number) => Math.max(0.1, Math.round(v * 10) / 10);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface BoxDraft {
  boxNo: string;
  size?: { l: number; w: number; h: number };
  lines: Map<string, number>;
}

/**
 * Qianyi's packing list -> eTower boxes (reference §3.8; the nesting is PO_CONTAINER_KEYS's decision).
 * - asnMarkSku present: entries with the same boxNumber are one box (boxNo = the boxNumber; Qianyi's markCode
 *   is longer than eTower's 20 characters, so it is not used); the box's size is the first entry's
 *   length/width/height (read as cm), one box each (boxQty 1), a SKU packed twice in a box is summed.
 *   Entries without a boxNumber are a box each. Any skuList quantity the marks do not cover becomes one more
 *   box per line, so eTower's forecast never falls short of what Qianyi announced.
 * - asnMarkSku absent: one box per skuList line.
 * Sizes missing from Qianyi come from asnShipper.box*Cm; every box declares asnShipper.boxWeightKg (Qianyi
 * sends no weights). Returned in a stable order, so a retry builds the same request.
 */
export function boxesOf(asn: CreateAsnOrderContent): BoxDraft[] {
  const boxes: BoxDraft[] = [];
  const byNumber = new Map<string, BoxDraft>();
  const packed = new Map<string, number>();
  asn.asnMarkSku.forEach((m: AsnMarkSku, i) => {
    if (!m.sku || !m.quantity || m.quantity <= 0) return;
    const key = m.boxNumber !== undefined ? `n${m.boxNumber}` : `i${i}`;
    let box = byNumber.get(key);
    if (!box) {
      box = { boxNo: m.boxNumber !== undefined ? String(m.boxNumber) : `M${i + 1}`, lines: new Map() };
      byNumber.set(key, box);
      boxes.push(box);
    }
    if (!box.size && m.length && m.width && m.height) box.size = { l: m.length, w: m.width, h: m.height };
    box.lines.set(m.sku, (box.lines.get(m.sku) ?? 0) + m.quantity);
    packed.set(m.sku, (packed.get(m.sku) ?? 0) + m.quantity);
  });
  asn.skuList.forEach((line, i) => {
    const rest = line.quantity - (packed.get(line.sku) ?? 0);
    packed.set(line.sku, Math.max(0, (packed.get(line.sku) ?? 0) - line.quantity));
    if (rest > 0)
      boxes.push({ boxNo: byNumber.size === 0 ? String(i + 1) : `L${i + 1}`, lines: new Map([[line.sku, rest]]) });
  });
  return boxes;
}

/** createAsnOrder -> eTower b2b/po, or a refusal naming what is missing (checked before anything is queued). */
export function toEtowerPo(asn: CreateAsnOrderContent, shipper: AsnShipper | undefined): PoMapping {
  if (!shipper) {
    return {
      ok: false,
      message:
        'no ASN shipper is configured for this tenant: eTower needs asnShipper.shipperWarehouseCode, or shipperContactName, shipperPhone, country and addressLine1',
    };
  }
  const missing: string[] = [];
  if (!shipper.boxWeightKg) missing.push('asnShipper.boxWeightKg (Qianyi sends no box weight)');
  const drafts = boxesOf(asn);
  const boxes: EtowerPoBoxInput[] = [];
  for (const d of drafts) {
    const size =
      d.size ??
      (shipper.boxLengthCm && shipper.boxWidthCm && shipper.boxHeightCm
        ? { l: shipper.boxLengthCm, w: shipper.boxWidthCm, h: shipper.boxHeightCm }
        : undefined);
    if (!size) {
      missing.push(
        `box ${d.boxNo} size (no length/width/height in asnMarkSku; set asnShipper.boxLengthCm/boxWidthCm/boxHeightCm)`,
      );
      continue;
    }
    boxes.push({
      boxNo: d.boxNo.slice(0, 20),
      boxQty: 1,
      weightDeclared: shipper.boxWeightKg ?? 0,
      declaredWeightUnit: 'KG',
      lengthDeclared: cm(size.l),
      widthDeclared: cm(size.w),
      heightDeclared: cm(size.h),
      declareDimensionUnit: 'CM',
      lines: [...d.lines].map(([sku, productQty]) => ({ sku, productQty })),
    });
  }
  if (missing.length > 0)
    return {
      ok: false,
      message: `ASN ${asn.asnNumber} cannot be sent to eTower: missing ${[...new Set(missing)].join(', ')}`,
    };
  const po: EtowerPoInput = {
    referenceNo: asn.asnNumber,
    warehouseCode: asn.warehouseCode,
    tallyRule: 1,
    useShipperBoxNo: asn.asnMarkSku.length > 0 ? 1 : 2,
    boxes,
  };
  if (asn.estimatedArrivalDate) po.eta = isoDate(asn.estimatedArrivalDate);
  for (const f of SHIPPER_FIELDS) if (shipper[f]) (po as unknown as Record<string, unknown>)[f] = shipper[f];
  return { ok: true, po };
}
