import type { PushOrderInfoInput } from '@bridge/qianyi';
import type { OrderState } from '../orders/order-state';

/** An order's state as Qianyi's pushOrderInfo content (seed §12.1). */
export function orderPushContent(state: OrderState): PushOrderInfoInput {
  return {
    orderNumber: state.orderNumber,
    ...(state.onlineOrderId ? { onlineOrderId: state.onlineOrderId } : {}),
    warehouseCode: state.warehouseCode,
    carrier: state.carrierName ?? '',
    trackNumber: state.trackingNumber ?? '',
    warehouseOrderNumber: state.warehouseOrderNumber ?? '',
    wmsStatus: state.wmsStatus,
    status: state.status,
    ...(state.shippingTime ? { shippingTime: state.shippingTime } : {}),
    ...(state.skuList?.length ? { skuList: state.skuList } : {}),
    ...(state.failedReason && state.status === 'FAILED' ? { errorMsg: state.failedReason } : {}),
  };
}
