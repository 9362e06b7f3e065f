import type { ContentOf, QianyiMethod } from '@bridge/qianyi';
import { channels, warehouses } from './catalog-methods';
import { cancelOrderMethod, createOrder, getOrder } from './order-methods';
import { cancelAsnOrder, createAsnOrder, getAsnList } from './asn-methods';
import { syncInventory } from './inventory-methods';
import { insertSkuInfo } from './sku-methods';
import type { MethodAnswer, MethodContext, MethodHandler } from './context';

/**
 * A command's answer is taken by Qianyi as done (or refused) and not asked again, so it leaves only once
 * REDIS_MIN_REPLICAS_ACK replicas hold what the command wrote (the record and the job); otherwise the call fails
 * with ReplicasNotConfirmedError, answered 503, and Qianyi's retry is safe (deterministic ids). Reads need no wait.
 */
const acknowledged =
  <M extends QianyiMethod>(handler: MethodHandler<M>): MethodHandler<M> =>
  async (content, ctx) => {
    const answer = await handler(content, ctx);
    await ctx.replicas.require();
    return answer;
  };

/** Qianyi method -> handler, each typed by its method's content. */
const METHOD_HANDLERS: { [M in QianyiMethod]: MethodHandler<M> } = {
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

/** Runs the handler of `method` on content that has passed that method's schema (parseContent). */
export function runMethod<M extends QianyiMethod>(
  method: M,
  content: ContentOf<M>,
  ctx: MethodContext,
): Promise<MethodAnswer> {
  return METHOD_HANDLERS[method](content, ctx);
}
