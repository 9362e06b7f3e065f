// Schemas of what the bridge answers, strict where Qianyi's parser could be strict (boolean
// success, string quantities). Used by tests and by the demo to check real answers.
import { z } from 'zod';
import type { QianyiMethod } from './methods';
import { ASN_STATUSES, ORDER_STATUSES } from './statuses';

const quantityText = z.string().regex(/^\d+$/, 'must be a whole number written as text');

export const baseResponseSchema = z.object({ success: z.boolean(), message: z.string() });
export const failResponseSchema = baseResponseSchema.extend({ success: z.literal(false) });

export const warehousesResponseSchema = baseResponseSchema.extend({
  warehouseList: z.array(z.object({ warehouseCode: z.string().min(1), warehouseName: z.string().min(1) })),
});

export const channelsResponseSchema = baseResponseSchema.extend({
  channelList: z.array(
    z.object({
      channelCode: z.string().min(1),
      channelName: z.string().min(1),
      warehouseCode: z.string().min(1),
      carrierName: z.string(),
    }),
  ),
});

export const createOrderResponseSchema = baseResponseSchema.extend({
  data: z.object({ warehouseOrderNumber: z.string().optional() }),
});

export const getOrderResponseSchema = baseResponseSchema.extend({
  data: z.object({
    orderNumber: z.string().min(1),
    wmsStatus: z.string(),
    status: z.enum(ORDER_STATUSES),
    carrierName: z.string().optional(),
    trackingNumber: z.string().optional(),
    failedReason: z.string().optional(),
    warehouseOrderNumber: z.string().optional(),
    warehouseCode: z.string().optional(),
  }),
});

export const cancelOrderResponseSchema = baseResponseSchema;

export const syncInventoryResponseSchema = baseResponseSchema.extend({
  isLastPage: z.boolean(),
  currentPage: z.number().int(),
  pageCount: z.number().int(),
  data: z.array(
    z.object({
      warehouseCode: z.string(),
      warehouseSku: z.string(),
      onwayQuantity: quantityText,
      pendingQuantity: quantityText,
      sellableQuantity: quantityText,
      unsellableQuantity: quantityText,
      reservedQuantity: quantityText,
      useQuantity: quantityText,
      totalQuantity: quantityText,
    }),
  ),
});

const resultItem = <K extends string>(key: K) =>
  z.object({ [key]: z.string().min(1), operation: z.string(), info: z.string() } as {
    [P in K | 'operation' | 'info']: z.ZodString;
  });

export const createAsnOrderResponseSchema = baseResponseSchema.extend({
  results: z.array(resultItem('asnNumber')).optional(),
});

export const getAsnListResponseSchema = baseResponseSchema.extend({
  asnList: z.array(
    z.object({
      asnNumber: z.string().min(1),
      wmsStatus: z.enum(ASN_STATUSES),
      referenceNumber: z.string(),
      finishTime: z.string(),
      skuList: z.array(
        z.object({
          sku: z.string(),
          name: z.string().optional(),
          estimatedQuantity: z.number(),
          receivedQuantity: z.number(),
          goodQuantity: z.number(),
          badQuantity: z.number(),
        }),
      ),
    }),
  ),
});

export const cancelAsnOrderResponseSchema = baseResponseSchema.extend({
  results: z.array(resultItem('asnNumber')).optional(),
});

export const insertSkuInfoResponseSchema = baseResponseSchema.extend({
  results: z.array(resultItem('sku')).optional(),
});

/** A success answer for each method; a failure answer of any method matches failResponseSchema. */
export const RESPONSE_SCHEMAS = {
  warehouses: warehousesResponseSchema,
  channels: channelsResponseSchema,
  createOrder: createOrderResponseSchema,
  getOrder: getOrderResponseSchema,
  cancelOrder: cancelOrderResponseSchema,
  syncInventory: syncInventoryResponseSchema,
  createAsnOrder: createAsnOrderResponseSchema,
  getAsnList: getAsnListResponseSchema,
  cancelAsnOrder: cancelAsnOrderResponseSchema,
  insert_sku_info: insertSkuInfoResponseSchema,
} as const satisfies Record<QianyiMethod, z.ZodType>;
