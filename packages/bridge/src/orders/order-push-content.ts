import type { PushOrderInfoInput } from '@bridge/qianyi';
import { awaitingTrackingStatus } from './awaiting-tracking';
import type { OrderState } from './order-state';

/**
 * An order's state as Qianyi's pushOrderInfo content (seed §12.1). SUCCESS is never sent without a tracking
 * number (Qianyi requires one, and would refuse the push on every attempt): the mapping no longer records such a
 * state, but a record written before it did is sent as SENDING, awaiting its number, rather than not at all.
 */
export function orderPushContent(state: OrderState): PushOrderInfoInput {
  const withoutNumber = state.status === 'SUCCESS' && !state.trackingNumber;
  return {
    orderNumber: state.orderNumber,
    ...(state.onlineOrderId ? { onlineOrderId: state.onlineOrderId } : {}),
    warehouseCode: state.warehouseCode,
    carrier: state.carrierName ?? '',
    trackNumber: state.trackingNumber ?? '',
    warehouseOrderNumber: state.warehouseOrderNumber ?? '',
    wmsStatus: withoutNumber ? awaitingTrackingStatus(state.wmsStatus) : state.wmsStatus,
    status: withoutNumber ? 'SENDING' : state.status,
    ...(state.shippingTime && !withoutNumber ? { shippingTime: state.shippingTime } : {}),
    ...(state.skuList?.length ? { skuList: state.skuList } : {}),
    ...(state.failedReason && state.status === 'FAILED' ? { errorMsg: state.failedReason } : {}),
  };
}
