// createOrder (seed §5).
//
// Leniencies, where the seed's own example contradicts its table (a production integration has to
// accept what the ERP actually sends, and the example is the best evidence of that):
// - skuList[].erpSku: required by the table, absent from the example -> defaults to skuList[].sku.
// - skuList[].name: required by the table, null in the example -> optional.
// - codEnabled: required by the table, absent from the example -> defaults to 0 (not COD).
// - receiver.email: "Y" in the table (a row that even lost its field name), "" in the example -> optional.
// - Optional strings treat "" and the literal "null" as absent (the example sends "district":"null").
// - skuList[].quantity: "String" in the table, 1 in the example -> a number or numeric string,
//   returned as a whole number > 0.
// - packageType: NORMAL / OWN_PACKAGE in any case, absent or "" -> NORMAL.
// - codEnabled also accepts "0"/"1" and true/false.
// - A lone skuList object is read as a list of one.
// Not repaired: the example's keys broken by line wrapping ("fr eight", "skuLi st", "amo unt");
// those are typesetting damage in the document, not something a Java serializer produces.
import { z } from 'zod';
import { nonEmptyList, nonNegative, obj, oneOf, optDateLike, optNum, optStr, positiveInt, str, withDefault, withErpSku } from './coerce';

export const PACKAGE_TYPES = ['NORMAL', 'OWN_PACKAGE'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

const codFlag = z.unknown().transform((v, ctx): 0 | 1 => {
  if (v === 1 || v === '1' || v === true || v === 'true') return 1;
  if (v === 0 || v === '0' || v === false || v === 'false') return 0;
  ctx.addIssue({ code: 'custom', message: 'must be 0 or 1' });
  return z.NEVER;
});

const receiverSchema = obj({
  name: str(),
  phone: str(),
  email: optStr(),
  country: str(),
  state: str(),
  city: str(),
  district: optStr(),
  address1: str(),
  address2: optStr(),
  postalCode: str(),
});

const orderLineSchema = obj({
  sku: str(),
  erpSku: optStr(),
  name: optStr(),
  quantity: positiveInt(),
  amount: nonNegative(),
  shippingPrice: optNum(),
  hsCode: optStr(),
  chineseCustomsDeclarationName: optStr(),
  englishCustomsDeclarationName: optStr(),
}).transform((line) => withErpSku(line));

export const createOrderContentSchema = obj({
  orderNumber: str(),
  onlineOrderId: str(),
  shopName: str(),
  warehouseCode: str(),
  logisticsCode: str(),
  platform: str(),
  freight: nonNegative(),
  packageType: withDefault('NORMAL', oneOf(PACKAGE_TYPES)),
  trackingNumber: optStr(),
  labelData: optStr(),
  codEnabled: withDefault(0, codFlag),
  codPayAmount: optNum(),
  codCurrency: optStr(),
  orderCreate: optDateLike(),
  deliveryTime: optDateLike(),
  onlineShopId: optStr(),
  receiver: receiverSchema,
  skuList: nonEmptyList(orderLineSchema),
}).superRefine((order, ctx) => {
  const requireWhen = (field: 'codPayAmount' | 'codCurrency' | 'trackingNumber' | 'labelData', why: string) => {
    if (order[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required ${why}` });
  };
  if (order.codEnabled === 1) {
    requireWhen('codPayAmount', 'when codEnabled is 1');
    requireWhen('codCurrency', 'when codEnabled is 1');
  }
  if (order.packageType === 'OWN_PACKAGE') {
    requireWhen('trackingNumber', 'when packageType is OWN_PACKAGE');
    requireWhen('labelData', 'when packageType is OWN_PACKAGE');
  }
});

export type CreateOrderContent = z.output<typeof createOrderContentSchema>;
export type CreateOrderLine = CreateOrderContent['skuList'][number];
export type CreateOrderReceiver = CreateOrderContent['receiver'];
