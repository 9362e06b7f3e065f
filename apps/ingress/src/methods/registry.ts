import type { QianyiMethod } from '@bridge/qianyi';
import { channels, warehouses } from './catalog-methods';
import { cancelOrderMethod, createOrder, getOrder } from './order-methods';
import { cancelAsnOrder, createAsnOrder, getAsnList } from './asn-methods';
import { syncInventory } from './inventory-methods';
import { insertSkuInfo } from './sku-methods';
import type { MethodHandler } from './context';

/**
 * A command's answer is taken by Qianyi as done (or refused) and not asked again, so it leaves only once
 * REDIS_MIN_REPLICAS_ACK replicas hold what the command wrote (the record and the job); otherwise the call fails
 * with ReplicasNotConfirmedError, answered 503, and Qianyi's retry is safe (deterministic ids). Reads need no wait.
 */
const acknowledged = (handler: MethodHandler): MethodHandler => async (content, ctx) => {
  const answer = await handler(content, ctx);
  await ctx.replicas.require();
  return answer;
};

/** Qianyi method -> handler. The content reaching a handler has passed the method's schema. */
export const METHOD_HANDLERS: Record<QianyiMethod, MethodHandler> = {
  warehouses,
  channels,
  createOrder: acknowledged(createOrder),
  getOrder,
  cancelOrder: acknowledged(cancelOrderMethod),
  syncInventory,
  createAsnOrder: acknowledged(createAsnOrder),
  getAsnList,
  cancelAsnOrder: acknowledged(cancelAsnOrder),
  insert_sku_info: acknowledged(insertSkuInfo),
};
