import type { QianyiMethod } from '@bridge/qianyi';
import { fail } from '@bridge/qianyi';
import { channels, warehouses } from './catalog-methods';
import { cancelOrderMethod, createOrder, getOrder } from './order-methods';
import type { MethodHandler } from './context';

const notYet = (method: string): MethodHandler => async () =>
  fail(`${method} is understood but not handled by this bridge version yet; nothing was sent to the warehouse`);

/** Qianyi method -> handler. The content reaching a handler has passed the method's schema. */
export const METHOD_HANDLERS: Record<QianyiMethod, MethodHandler> = {
  warehouses,
  channels,
  createOrder,
  getOrder,
  cancelOrder: cancelOrderMethod,
  syncInventory: notYet('syncInventory'),
  createAsnOrder: notYet('createAsnOrder'),
  getAsnList: notYet('getAsnList'),
  cancelAsnOrder: notYet('cancelAsnOrder'),
  insert_sku_info: notYet('insert_sku_info'),
};
