import { duplicateError, SANDBOX_CODES, type ErrorItem } from './envelope';
import { findFulfillmentService, type SeedService } from './seed';
import type { SimOrderLine, SimulatorState } from './state';

// Checks one createOrders entry the way the seed page describes eTower doing it. Returns the eTower-style
// error items (empty = acceptable) plus what a valid order needs to be stored.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

export interface OrderCheck {
  errors: ErrorItem[];
  referenceNo: string;
  service?: SeedService;
  lines: SimOrderLine[];
}

const missing = (field: string): ErrorItem => ({
  code: SANDBOX_CODES.missingField,
  message: `${field}:must not be empty`,
});

export function checkOrder(raw: unknown, state: SimulatorState, seenInBatch: Set<string>): OrderCheck {
  const o: Obj = isObj(raw) ? raw : {};
  const referenceNo = typeof o.referenceNo === 'string' ? o.referenceNo : '';
  const errors: ErrorItem[] = [];
  const lines: SimOrderLine[] = [];

  for (const field of ['orderType', 'facility', 'referenceNo', 'channelCode'])
    if (!filled(o[field])) errors.push(missing(field));
  if (filled(o.orderType) && o.orderType !== 'Fulfillment') {
    errors.push({
      code: SANDBOX_CODES.missingField,
      message: `orderType:${String(o.orderType)},only Fulfillment is supported by this warehouse`,
    });
  }
  const consignee: Obj = isObj(o.consignee) ? o.consignee : {};
  for (const field of ['name', 'countryCode', 'city', 'addressLine1']) {
    if (!filled(consignee[field])) errors.push(missing(`consignee.${field}`));
  }
  const parcels = Array.isArray(o.parcels) ? o.parcels : [];
  if (parcels.length === 0) errors.push(missing('parcels'));
  parcels.forEach((p: unknown, i) => {
    const parcel: Obj = isObj(p) ? p : {};
    if (!filled(parcel.referenceNo)) errors.push(missing(`parcels[${i}].referenceNo`));
    const labelType = parcel.labelType === undefined || parcel.labelType === '' ? undefined : Number(parcel.labelType);
    if (labelType === 1 && !/\.pdf$/i.test(String(parcel.labelName ?? ''))) {
      errors.push({
        code: '0020',
        message:
          'Operation Error: Operation Error: When the file type is a label,the warehouse supports uploading file format: pdf',
      });
    }
    if (labelType !== undefined && !filled(parcel.trackingNo)) errors.push(missing(`parcels[${i}].trackingNo`));
    const items = Array.isArray(parcel.items) ? parcel.items : [];
    if (items.length === 0) errors.push(missing(`parcels[${i}].items`));
    items.forEach((it: unknown, j) => {
      const item: Obj = isObj(it) ? it : {};
      const where = `parcels[${i}].items[${j}]`;
      const quantity = Number(item.quantity);
      if (!filled(item.sku)) errors.push(missing(`${where}.sku`));
      else if (state.options.requireKnownSkus && !state.isKnownSku(String(item.sku))) {
        errors.push({ code: SANDBOX_CODES.unknownSku, message: `sku:${String(item.sku)},Does not exist` });
      }
      if (!Number.isInteger(quantity) || quantity <= 0)
        errors.push({ code: SANDBOX_CODES.missingField, message: `${where}.quantity:must be a positive integer` });
      if (filled(item.sku) && Number.isInteger(quantity) && quantity > 0)
        lines.push({ sku: String(item.sku), quantity });
    });
  });

  let service: SeedService | undefined;
  if (filled(o.facility) && filled(o.channelCode)) {
    service = findFulfillmentService(String(o.facility), String(o.channelCode));
    if (!service) {
      errors.push({
        code: '600906',
        message: `warehouseServiceName:${String(o.channelCode)} ,Does not exist in the shipperAddressCode:${String(o.facility)}`,
      });
    }
  }
  if (referenceNo && (state.ordersByReference(referenceNo).length > 0 || seenInBatch.has(referenceNo))) {
    // A duplicate is reported alone, like eTower does: nothing else matters about an order that exists.
    return { errors: [duplicateError('referenceNo', referenceNo)], referenceNo, lines };
  }
  return service ? { errors, referenceNo, service, lines } : { errors, referenceNo, lines };
}
