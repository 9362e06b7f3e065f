import type { QianyiMethod } from '@bridge/qianyi';
import { channels, warehouses } from './catalog-methods';
import { cancelOrderMethod, createOrder, getOrder } from './order-methods';
import { cancelAsnOrder, createAsnOrder, getAsnList } from './asn-methods';
import { syncInventory } from './inventory-methods';
import { insertSkuInfo } from './sku-methods';
import type { MethodHandler } from './context';


/** Qianyi method -> handler. The content reaching a handler has passed the method's schema. */
export const METHOD_HANDLERS: Record<QianyiMethod, MethodHandler> = {
  warehouses,
  channels,
  createOrder,
  getOrder,
  cancelOrder: cancelOrderMethod,
  syncInventory,
  createAsnOrder,
  getAsnList,
  cancelAsnOrder,
  insert_sku_info: insertSkuInfo,
};
