import type { EtowerCreateOrderInput, EtowerOrderItem, EtowerParcel } from '@bridge/etower';
import type { CreateOrderContent } from '@bridge/qianyi';

/**
 * Qianyi createOrder -> eTower createOrders, the whole field mapping in one place (README "Order field mapping").
 *
 * | Qianyi                         | eTower                                   |
 * |--------------------------------|------------------------------------------|
 * | orderNumber                    | referenceNo (order) and parcels[0].referenceNo |
 * | warehouseCode                  | facility                                 |
 * | logisticsCode                  | channelCode (an eTower serviceName)      |
 * | receiver.name/phone/email      | consignee.name/phone/email               |
 * | receiver.country               | consignee.countryCode                    |
 * | receiver.state/city/district   | consignee.state/city/district            |
 * | receiver.address1/address2     | consignee.addressLine1/addressLine2      |
 * | receiver.postalCode            | consignee.zipCode                        |
 * | skuList[].sku                  | parcels[0].items[].sku                   |
 * | skuList[].quantity             | items[].quantity                         |
 * | skuList[].amount / quantity    | items[].unitPrice (amount is the line total) |
 * | skuList[].erpSku               | items[].itemNumber                       |
 * | englishCustomsDeclarationName (else name) | items[].itemDescEn            |
 * | chineseCustomsDeclarationName  | items[].itemDesc                         |
 * | skuList[].hsCode               | items[].hsCode                           |
 * | sum of amounts                 | parcels[0].invoiceValue                  |
 * | OWN_PACKAGE trackingNumber     | parcels[0].trackingNo                    |
 * | OWN_PACKAGE labelData          | parcels[0].label, labelType 1, labelName <orderNumber>.pdf |
 * | shopName, platform, onlineOrderId, onlineShopId, freight, orderCreate, deliveryTime | extendData.qianyi* and remark |
 * | codPayAmount, codCurrency (only if the tenant allows) | extendData.codAmount, extendData.codCurrency |
 *
 * eTower's `platform` field takes names from an attachment we do not have, so Qianyi's platform is not sent
 * there (a wrong value would refuse the order); it is kept in extendData and the remark for operators.
 */
export interface MappingOptions {
  /** false = create as a draft and release later with orders/confirm. */
  confirmNow: boolean;
  allowCodPassthrough: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function toEtowerOrder(order: CreateOrderContent, options: MappingOptions): EtowerCreateOrderInput {
  const items: EtowerOrderItem[] = order.skuList.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: round2(line.amount / line.quantity),
    itemNumber: line.erpSku,
    ...(line.englishCustomsDeclarationName || line.name
      ? { itemDescEn: line.englishCustomsDeclarationName ?? line.name }
      : {}),
    ...(line.chineseCustomsDeclarationName ? { itemDesc: line.chineseCustomsDeclarationName } : {}),
    ...(line.hsCode ? { hsCode: line.hsCode } : {}),
  }));
  const parcel: EtowerParcel = {
    referenceNo: order.orderNumber,
    invoiceValue: round2(order.skuList.reduce((sum, line) => sum + line.amount, 0)),
    items,
  };
  if (order.packageType === 'OWN_PACKAGE') {
    parcel.trackingNo = order.trackingNumber;
    parcel.labelType = 1;
    parcel.label = order.labelData;
    parcel.labelName = `${order.orderNumber.replace(/[^\w.-]+/g, '_')}.pdf`;
  }
  const r = order.receiver;
  const extendData: Record<string, unknown> = {
    qianyiShopName: order.shopName,
    qianyiPlatform: order.platform,
    qianyiOnlineOrderId: order.onlineOrderId,
    qianyiFreight: order.freight,
    ...(order.onlineShopId ? { qianyiOnlineShopId: order.onlineShopId } : {}),
    ...(order.orderCreate !== undefined ? { qianyiOrderCreate: order.orderCreate } : {}),
    ...(order.deliveryTime !== undefined ? { qianyiDeliveryTime: order.deliveryTime } : {}),
  };
  if (order.codEnabled === 1 && options.allowCodPassthrough) {
    extendData.codAmount = order.codPayAmount;
    extendData.codCurrency = order.codCurrency;
  }
  return {
    orderType: 'Fulfillment',
    facility: order.warehouseCode,
    referenceNo: order.orderNumber,
    channelCode: order.logisticsCode,
    isNeedConfirm: options.confirmNow,
    remark: clip(`Qianyi ${order.platform} ${order.shopName} ${order.onlineOrderId}`, 200),
    extendData,
    consignee: {
      name: r.name,
      phone: r.phone,
      ...(r.email ? { email: r.email } : {}),
      countryCode: r.country.toUpperCase(),
      state: r.state,
      city: r.city,
      ...(r.district ? { district: r.district } : {}),
      addressLine1: r.address1,
      ...(r.address2 ? { addressLine2: r.address2 } : {}),
      zipCode: r.postalCode,
    },
    parcels: [parcel],
  };
}

/** Why an order cannot be sent at all (checked before anything is queued), or undefined. */
export function refusalBeforeSending(
  order: CreateOrderContent,
  options: Pick<MappingOptions, 'allowCodPassthrough'>,
): string | undefined {
  if (order.codEnabled === 1 && !options.allowCodPassthrough) {
    return 'COD orders cannot be sent to eTower: its API has no cash-on-delivery field. Ask the bridge operator to enable allowCodPassthrough for this account if the warehouse reads COD data from extendData.';
  }
  return undefined;
}
