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
// - receiver.country in any case (upper-cased; "UK" read as GB); codCurrency in any case (upper-cased).
// Not repaired: the example's keys broken by line wrapping ("fr eight", "skuLi st", "amo unt");
// those are typesetting damage in the document, not something a Java serializer produces.
// Bounds (limits.ts, README "Bounds at the door"): every id within eTower's length and free of control, bidi
// and invisible characters; quantities whole, 1..999,999,999; money 0..99,999,999.99 per line and in total
// (eTower's invoiceValue); dates within 2000..2099; country ISO 3166-1 alpha-2.
import { z } from 'zod';
import { countryCode, id, money, optCurrency, optDate, optId, optMoney, optText, quantity, text } from './bounded';
import { nonEmptyList, obj, oneOf, optStr, withDefault, withErpSku } from './coerce';
import { ID_LENGTH, MAX_LIST, MAX_MONEY, TEXT_LENGTH } from './limits';

export const PACKAGE_TYPES = ['NORMAL', 'OWN_PACKAGE'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

const codFlag = z.unknown().transform((v, ctx): 0 | 1 => {
  if (v === 1 || v === '1' || v === true || v === 'true') return 1;
  if (v === 0 || v === '0' || v === false || v === 'false') return 0;
  ctx.addIssue({ code: 'custom', message: 'must be 0 or 1' });
  return z.NEVER;
});

const receiverSchema = obj({
  name: text(TEXT_LENGTH.receiverName),
  phone: text(TEXT_LENGTH.phone),
  email: optText(TEXT_LENGTH.email),
  country: countryCode(),
  state: text(TEXT_LENGTH.state),
  city: text(TEXT_LENGTH.city),
  district: optText(TEXT_LENGTH.district),
  address1: text(TEXT_LENGTH.address),
  address2: optText(TEXT_LENGTH.address),
  postalCode: id(ID_LENGTH.postalCode),
});

const orderLineSchema = obj({
  sku: id(ID_LENGTH.sku),
  erpSku: optId(ID_LENGTH.erpSku),
  name: optText(TEXT_LENGTH.productName),
  quantity: quantity(),
  amount: money(),
  shippingPrice: optMoney(),
  hsCode: optId(ID_LENGTH.hsCode),
  chineseCustomsDeclarationName: optText(TEXT_LENGTH.productName),
  englishCustomsDeclarationName: optText(TEXT_LENGTH.productName),
}).transform((line) => withErpSku(line));

export const createOrderContentSchema = obj({
  orderNumber: id(ID_LENGTH.orderNumber),
  onlineOrderId: id(ID_LENGTH.other),
  shopName: text(TEXT_LENGTH.label),
  warehouseCode: id(ID_LENGTH.warehouseCode),
  logisticsCode: id(ID_LENGTH.logisticsCode),
  platform: id(ID_LENGTH.other),
  freight: money(),
  packageType: withDefault('NORMAL', oneOf(PACKAGE_TYPES)),
  trackingNumber: optId(ID_LENGTH.trackingNumber),
  // Bounded by the body limit (MAX_BODY_BYTES) only; Base64 may be MIME-wrapped (CRLF every 76 characters), and
  // whether it is a PDF is the warehouse's to judge.
  labelData: optStr(),
  codEnabled: withDefault(0, codFlag),
  codPayAmount: optMoney(),
  codCurrency: optCurrency(),
  orderCreate: optDate(),
  deliveryTime: optDate(),
  onlineShopId: optId(ID_LENGTH.other),
  receiver: receiverSchema,
  skuList: nonEmptyList(orderLineSchema, MAX_LIST.orderLines),
}).superRefine((order, ctx) => {
  // parcels[0].invoiceValue is the lines' sum: each line within MAX_MONEY is not enough.
  let total = 0;
  for (const line of order.skuList) total += line.amount;
  if (total > MAX_MONEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['skuList'],
      message: `amounts add up to more than ${MAX_MONEY}, the most eTower's invoiceValue holds`,
    });
  }
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
