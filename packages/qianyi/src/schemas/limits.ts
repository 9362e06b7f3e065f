// Every bound a Qianyi value is held to before anything is recorded or enqueued, in one place. Each says where
// it comes from: "eTower §n" is the length or precision eTower's API documents for the field the value is sent
// as (the numbered section of our eTower API reference, kept beside the specification, not in this repo); "ours" is a decision, with its reason. A value over an
// eTower bound is refused at the door, naming the field, instead of being truncated or refused later by eTower
// (the one truncation kept is the order's remark, which the README documents). Lengths count UTF-16 code units,
// as eTower's Java side does.

/** Lengths of identifiers (no control, line-separator, bidi or invisible characters; characters.ts). */
export const ID_LENGTH = {
  /** eTower §3.2 createOrders referenceNo (and the parcel's referenceNo). */
  orderNumber: 50,
  /** eTower §3.8 po referenceNo. */
  asnNumber: 50,
  /** eTower §3.2 facility. The ASN's own warehouse code is shorter (asnWarehouseCode). */
  warehouseCode: 50,
  /** eTower §3.8 po warehouseCode. */
  asnWarehouseCode: 20,
  /** eTower §3.2 channelCode. */
  logisticsCode: 64,
  /**
   * eTower §3.7 product/create sku: an SKU longer than this cannot exist at eTower, so no order, ASN line or
   * inventory filter can name one. (The po table says 20 for its line SKU; an ASN must be able to carry every
   * product eTower holds, so the product's 30 is used and a stricter eTower answers with its own reason.)
   */
  sku: 30,
  /** eTower §3.7 hsCode. */
  hsCode: 20,
  /** eTower §3.7 barCodeNumber (Qianyi allows 255; a cut barcode would scan as another product). */
  barcode: 50,
  /** ours: eTower's orderNo is 19 characters (C12283230322000025O); 50 like its referenceNo. */
  warehouseOrderNumber: 50,
  /** ours: carriers' numbers are at most ~35 characters (USPS 34, S10 13); eTower documents no length. */
  trackingNumber: 50,
  /** ours: postcodes are at most 10 characters anywhere; eTower's older order endpoint allowed 15. */
  postalCode: 20,
  /** Qianyi §11: "up to 255 characters" (erpSku goes to items[].itemNumber, undocumented at eTower). */
  erpSku: 255,
  /**
   * ours: Qianyi's own documented maximum for its strings (§11), for the ids that reach eTower only inside
   * extendData and the (cut) remark, or stay in our records: onlineOrderId, onlineShopId, platform, customNumber,
   * markCode, the ASN's type/orderNumber/trackNumber.
   */
  other: 255,
} as const;

/**
 * Lengths of free text (bidi marks and line breaks allowed, other control characters not). eTower's current
 * createOrders page documents no consignee lengths; its older order endpoint (§3.5) allowed name 50, phone 50,
 * email 100, city/state 100, district 20, address lines 200. Those generous enough are used as they are; the
 * tight ones (name, district) are raised, because refusing a deliverable order at the door costs more than
 * eTower refusing it with its own reason (which reaches Qianyi as FAILED).
 */
export const TEXT_LENGTH = {
  receiverName: 100,
  phone: 50,
  email: 100,
  state: 100,
  city: 100,
  district: 100,
  address: 200,
  /** eTower §3.7 skuNameCn/skuNameEn (the title and line names become them or items' descriptions). */
  productName: 255,
  /** eTower §3.7 model (was cut to 127 before; now refused beyond). */
  specifications: 127,
  /** eTower §3.7 url (was dropped silently beyond; now refused). */
  imageUrl: 4000,
  /** ours: shop names and other labels that reach eTower only in extendData. */
  label: 255,
  /** ours: a return reason is a sentence or two. */
  note: 1000,
  /** ours: a date as text ("2024-01-02 10:00:00"); nothing longer is a date. */
  dateText: 64,
} as const;

/**
 * ours (the figure): eTower documents no maximum for items[].quantity or productQty, only "integer";
 * nine digits fit a Java int (2^31-1), which is what its backend most likely stores, and no shipment is larger.
 */
export const MAX_QUANTITY = 999_999_999;

/** eTower §3.7 invoiceValue decimal(10,2): the only precision eTower documents for a value. */
export const MAX_MONEY = 99_999_999.99;

/** eTower §3.7 grossWeight decimal(8,3), in eTower's unit (KG or LB), checked after conversion. */
export const MAX_WEIGHT = 99_999.999;
/** The largest weight Qianyi may send in any unit: MAX_WEIGHT kilograms in grams. The unit's own bound follows. */
export const MAX_RAW_WEIGHT = 99_999_999;

/** eTower §3.7 productLength/Width/Height and §3.8 lengthDeclared… decimal(5,1), in CM or IN after conversion. */
export const MAX_SIZE = 9_999.9;

/** ours: Java's epoch milliseconds; before 2000 or from 2100 on is a wrong unit or a wrong clock, not a date. */
export const DATE_MIN_MS = Date.UTC(2000, 0, 1);
export const DATE_MAX_MS = Date.UTC(2100, 0, 1) - 1;

/** ours: list sizes no real document reaches; the 20 MB body limit alone would let one through with ~10^5 lines. */
export const MAX_LIST = {
  /** A parcel's lines. */
  orderLines: 1_000,
  /** An ASN's lines and packing entries (a container of small SKUs can be large). */
  asnLines: 10_000,
  /** asnNumbers of one getAsnList / cancelAsnOrder. */
  asnNumbers: 1_000,
} as const;
