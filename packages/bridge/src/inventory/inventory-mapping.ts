import type { EtowerWarehouseInventory } from '@bridge/etower';

/** One syncInventory row as Qianyi reads it; quantities are strings (seed §8 types them String). */
export interface QianyiInventoryRow {
  warehouseCode: string;
  warehouseSku: string;
  sellableQuantity: string;
  onwayQuantity: string;
  reservedQuantity: string;
  unsellableQuantity: string;
  pendingQuantity: string;
  useQuantity: string;
  totalQuantity: string;
}

/**
 * eTower's per-warehouse quantities (b2b/inventory, reference §3.6) -> Qianyi's syncInventory row (seed §8).
 * THE one place this mapping lives; the README repeats this table.
 *
 * | Qianyi             | from eTower           | why |
 * |--------------------|-----------------------|-----|
 * | sellableQuantity   | availableInventory    | eTower's "sellable / available" bucket: what an outbound order can take now. |
 * | onwayQuantity      | incomingInventory     | eTower's "in transit / awaiting receipt": announced by inbound orders, not yet put away. |
 * | reservedQuantity   | outgoingInventory     | eTower's "reserved for pending outbound orders" is Qianyi's "reserved for outbound". |
 * | unsellableQuantity | unsellableInventory   | damaged / unusable; eTower prints an empty bucket as "" which counts as 0. |
 * | pendingQuantity    | 0                     | eTower does not split "received, awaiting put-away" out of incomingInventory; repeating incoming here would count it twice. |
 * | useQuantity        | 0                     | "occupied" is the same stock as reservedQuantity in eTower's model (one outgoing bucket); repeating it would count it twice. |
 * | totalQuantity      | sum of the above      | the seed's example has total = onway + pending + sellable + unsellable + reserved + use (99 = 11+22+33+0+22+11), so Qianyi's arithmetic holds. |
 *
 * Negative or fractional values from eTower are passed through as numbers (never invented); blanks are 0.
 */
export function toQianyiInventoryRow(sku: string, w: EtowerWarehouseInventory): QianyiInventoryRow {
  const sellable = n(w.availableInventory);
  const onway = n(w.incomingInventory);
  const reserved = n(w.outgoingInventory);
  const unsellable = n(w.unsellableInventory);
  const pending = 0;
  const use = 0;
  return {
    warehouseCode: w.warehouseCode,
    warehouseSku: sku,
    sellableQuantity: String(sellable),
    onwayQuantity: String(onway),
    reservedQuantity: String(reserved),
    unsellableQuantity: String(unsellable),
    pendingQuantity: String(pending),
    useQuantity: String(use),
    totalQuantity: String(sellable + onway + reserved + unsellable + pending + use),
  };
}

const n = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
