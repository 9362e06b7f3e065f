// What we answer Qianyi, per the seed's response examples. `success` is always a real JSON
// boolean (the examples show "true", but the table says boolean and a Java bean parser may not
// coerce a string) and `message` is always a string.
import type { AsnStatus, OrderStatus } from './statuses';

export type BaseResponse = { success: boolean; message: string };

export const fail = (message: string): BaseResponse => ({ success: false, message });
const ok = (): BaseResponse => ({ success: true, message: '' });

export interface WarehouseItem {
  warehouseCode: string;
  warehouseName: string;
}
export const warehousesResponse = (warehouseList: readonly WarehouseItem[]) => ({
  ...ok(),
  warehouseList: warehouseList.map(({ warehouseCode, warehouseName }) => ({ warehouseCode, warehouseName })),
});

export interface ChannelItem {
  channelCode: string;
  channelName: string;
  warehouseCode: string;
  carrierName: string;
}
export const channelsResponse = (channelList: readonly ChannelItem[]) => ({
  ...ok(),
  channelList: channelList.map(({ channelCode, channelName, warehouseCode, carrierName }) => ({
    channelCode,
    channelName,
    warehouseCode,
    carrierName,
  })),
});

// Optional fields are left out rather than sent as null: a Java bean parser treats both alike,
// and a missing key is what the seed's examples show.
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const createOrderResponse = (data: { warehouseOrderNumber?: string | undefined } = {}) => ({
  ...ok(),
  data: compact({ warehouseOrderNumber: data.warehouseOrderNumber }),
});

export const cancelOrderResponse = (): BaseResponse => ok();

export interface GetOrderData {
  orderNumber: string;
  wmsStatus: string;
  status: OrderStatus;
  carrierName?: string | undefined;
  trackingNumber?: string | undefined;
  failedReason?: string | undefined;
  /** Not in the seed's table; added by contract.md (eTower's orderNo). */
  warehouseOrderNumber?: string | undefined;
  /** Not in the seed's table; added by contract.md. */
  warehouseCode?: string | undefined;
}
export const getOrderResponse = (data: GetOrderData) => ({ ...ok(), data: compact({ ...data }) });

type Quantity = number | string;
export interface InventoryItem {
  warehouseCode: string;
  warehouseSku: string;
  sellableQuantity: Quantity;
  totalQuantity: Quantity;
  onwayQuantity?: Quantity | undefined;
  pendingQuantity?: Quantity | undefined;
  unsellableQuantity?: Quantity | undefined;
  reservedQuantity?: Quantity | undefined;
  useQuantity?: Quantity | undefined;
}
const q = (v: Quantity | undefined) => (v === undefined ? '0' : String(v));

// The table types every quantity as String, with the optional ones defaulting to 0.
export const syncInventoryResponse = (page: {
  currentPage: number;
  pageCount: number;
  data: readonly InventoryItem[];
}) => ({
  ...ok(),
  isLastPage: page.currentPage >= page.pageCount,
  currentPage: page.currentPage,
  pageCount: page.pageCount,
  data: page.data.map((i) => ({
    warehouseCode: i.warehouseCode,
    warehouseSku: i.warehouseSku,
    onwayQuantity: q(i.onwayQuantity),
    pendingQuantity: q(i.pendingQuantity),
    sellableQuantity: q(i.sellableQuantity),
    unsellableQuantity: q(i.unsellableQuantity),
    reservedQuantity: q(i.reservedQuantity),
    useQuantity: q(i.useQuantity),
    totalQuantity: q(i.totalQuantity),
  })),
});

// The seed documents no response table for createAsnOrder; its example is a copy of
// cancelAsnOrder's (results with operation "CANCEL"). We keep that shape with operation CREATE.
export const createAsnOrderResponse = (asnNumber: string, info = '') => ({
  ...ok(),
  results: [{ asnNumber, operation: 'CREATE', info }],
});

export interface AsnListItem {
  asnNumber: string;
  wmsStatus: AsnStatus;
  referenceNumber?: string | undefined;
  finishTime?: string | undefined;
  skuList: ReadonlyArray<{
    sku: string;
    name?: string | undefined;
    estimatedQuantity: number;
    receivedQuantity: number;
    goodQuantity: number;
    badQuantity: number;
  }>;
}
// referenceNumber and finishTime are "Required" strings in the table even before the ASN is
// received; "" stands for "not yet".
export const getAsnListResponse = (asnList: readonly AsnListItem[]) => ({
  ...ok(),
  asnList: asnList.map((a) => ({
    asnNumber: a.asnNumber,
    wmsStatus: a.wmsStatus,
    referenceNumber: a.referenceNumber ?? '',
    finishTime: a.finishTime ?? '',
    skuList: a.skuList.map((s) => compact({ ...s })),
  })),
});

export interface ItemOutcome {
  ok: boolean;
  info?: string | undefined;
}

function batch<K extends 'asnNumber' | 'sku'>(
  key: K,
  operation: string,
  items: ReadonlyArray<ItemOutcome & Record<K, string>>,
) {
  const failed = items.filter((i) => !i.ok);
  return {
    success: failed.length === 0,
    message: failed.map((i) => `${i[key]}: ${i.info ?? 'failed'}`).join('; '),
    results: items.map(
      (i) =>
        ({ [key]: i[key], operation, info: i.info ?? '' }) as Record<K, string> & { operation: string; info: string },
    ),
  };
}

/** success is true only when every ASN was cancelled; message lists the ones that were not. */
export const cancelAsnOrderResponse = (items: ReadonlyArray<ItemOutcome & { asnNumber: string }>) =>
  batch('asnNumber', 'CANCEL', items);

/** operation is CREATE as the seed's table documents (its example says CANCEL; the table wins, §8 #6). */
export const insertSkuInfoResponse = (items: ReadonlyArray<ItemOutcome & { sku: string }>) =>
  batch('sku', 'CREATE', items);
