import { z } from 'zod';
import { id, list, num, qty, text } from '../envelope';

// b2b/inventory (reference §3.6). Older pages answer a bare array; newer ones a PageHelper page object.
// Both become { records, pageNum?, pages?, total?, hasNextPage? }.

const warehouseInventorySchema = z
  .object({
    overseasWarehouseCode: text,
    warehouseCode: text,
    overseasWarehouseName: text,
    availableInventory: qty,
    incomingInventory: qty,
    outgoingInventory: qty,
    unsellableInventory: qty,
  })
  .transform((w) => ({
    warehouseCode: w.overseasWarehouseCode ?? w.warehouseCode ?? '',
    warehouseName: w.overseasWarehouseName,
    availableInventory: w.availableInventory,
    incomingInventory: w.incomingInventory,
    outgoingInventory: w.outgoingInventory,
    unsellableInventory: w.unsellableInventory,
  }));

export const inventoryRecordSchema = z
  .object({
    sku: id,
    skuNameEn: text,
    skuNameLocal: text,
    shipperName: text,
    warehouseInventoryDTOList: list(warehouseInventorySchema),
  })
  .transform(({ warehouseInventoryDTOList, ...r }) => ({ ...r, warehouses: warehouseInventoryDTOList }));

const pageSchema = z.object({
  list: list(inventoryRecordSchema),
  total: num,
  pageNum: num,
  pageSize: num,
  pages: num,
  hasNextPage: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean().optional()),
  isLastPage: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean().optional()),
});

export const inventoryPageSchema = z.union([
  // A bare array is the older, unpaged layout: everything came at once.
  z.array(inventoryRecordSchema).transform((records): EtowerInventoryPage => ({ records, hasNextPage: false })),
  z.union([z.literal(''), z.null()]).transform((): EtowerInventoryPage => ({ records: [], hasNextPage: false })),
  pageSchema.transform((p): EtowerInventoryPage => {
    const page: EtowerInventoryPage = { records: p.list };
    if (p.pageNum !== null) page.pageNum = p.pageNum;
    if (p.pages !== null) page.pages = p.pages;
    if (p.total !== null) page.total = p.total;
    // Prefer hasNextPage; fall back to isLastPage, then to page arithmetic.
    if (p.hasNextPage !== undefined) page.hasNextPage = p.hasNextPage;
    else if (p.isLastPage !== undefined) page.hasNextPage = !p.isLastPage;
    else if (p.pageNum !== null && p.pages !== null) page.hasNextPage = p.pageNum < p.pages;
    return page;
  }),
]);

export type EtowerWarehouseInventory = z.output<typeof warehouseInventorySchema>;
export type EtowerInventoryRecord = z.output<typeof inventoryRecordSchema>;

export interface EtowerInventoryPage {
  records: EtowerInventoryRecord[];
  pageNum?: number;
  pages?: number;
  total?: number;
  hasNextPage?: boolean;
}
