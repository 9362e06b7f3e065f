import { z } from 'zod';
import { decodePayload, id, list, num, qty, text } from '../envelope';
import { EtowerUnexpectedAnswerError } from '../errors/unexpected-answer-error';

// b2b/inventory (reference §3.6). Older pages answer a bare array; newer ones a PageHelper page object.
// Both become { records, pageNum?, pageSize?, pages?, total?, hasNextPage? }. The records list of the page object
// is only *presumed* to be `list` (PageHelper's name, reference §3.6), so the layout is checked before it is
// read: rows anywhere else must fail the call loudly, never decode as an empty page (that would publish an
// empty inventory).

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
    if (p.pageSize !== null) page.pageSize = p.pageSize;
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
  /** The page size eTower applied (it may cap what was asked). */
  pageSize?: number;
  pages?: number;
  /** eTower's own count of records over every page (PageHelper `total`); absent in the older bare-list layout. */
  total?: number;
  hasNextPage?: boolean;
}

// PageHelper's fields (reference §3.6): an object with none of them is not a page.
const PAGE_FIELDS = [
  'list',
  'total',
  'pageNum',
  'pageSize',
  'size',
  'pages',
  'hasNextPage',
  'isLastPage',
  'isFirstPage',
  'startRow',
  'endRow',
];

const isRecordLike = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown): boolean => v === '' || v === null || v === undefined;

/** Throws EtowerUnexpectedAnswerError when `data` is not a layout decodeInventoryPage knows how to read. */
export function assertInventoryLayout(endpoint: string, data: unknown): void {
  if (Array.isArray(data) || isBlank(data)) return;
  if (!isRecordLike(data))
    throw new EtowerUnexpectedAnswerError(
      endpoint,
      `data is a ${typeof data}, neither a list of records nor a page`,
      data,
    );
  const page = data as Record<string, unknown>;
  const rows = page.list;
  if (!Array.isArray(rows) && !isBlank(rows))
    throw new EtowerUnexpectedAnswerError(endpoint, `"list" is a ${typeof rows}, not a list of records`, data);
  // Rows under another key, with `list` absent or empty: eTower's page names its records differently.
  if (!Array.isArray(rows) || rows.length === 0) {
    const elsewhere = Object.entries(page).find(([k, v]) => k !== 'list' && Array.isArray(v) && v.some(isRecordLike));
    if (elsewhere)
      throw new EtowerUnexpectedAnswerError(endpoint, `the records are under "${elsewhere[0]}", not "list"`, data);
  }
  if (!Object.keys(page).some((k) => PAGE_FIELDS.includes(k))) {
    throw new EtowerUnexpectedAnswerError(
      endpoint,
      `not a page: none of ${PAGE_FIELDS.join(', ')} (keys: ${Object.keys(page).slice(0, 10).join(', ') || 'none'})`,
      data,
    );
  }
  const total = Number(page.total);
  if (!Array.isArray(rows) && Number.isFinite(total) && total > 0) {
    throw new EtowerUnexpectedAnswerError(endpoint, `total is ${total} but the page has no "list"`, data);
  }
}

/** One b2b/inventory page: the layout checked, then decoded (a record that does not decode is malformed). */
export function decodeInventoryPage(endpoint: string, data: unknown): EtowerInventoryPage {
  assertInventoryLayout(endpoint, data);
  return decodePayload(endpoint, inventoryPageSchema, data);
}
