// Request type for b2b/po (reference §3.8). The docs list box and line fields flat and the JSON container
// names were not recoverable, so the nesting is OUR DECISION: an array of boxes, each with an array of
// { sku, productQty } lines. Both container names live in PO_CONTAINER_KEYS below; if eTower QA shows
// other names, change them there (the client renames on the way out, the sandbox reads the same constant).

export const PO_CONTAINER_KEYS = { boxes: 'boxList', lines: 'skuList' } as const;
export type PoContainerKeys = typeof PO_CONTAINER_KEYS;

export interface EtowerPoLineInput {
  sku: string;
  /** Quantity of this SKU in ONE box of the group. */
  productQty: number;
}

export interface EtowerPoBoxInput {
  /** Client box (carton) number. */
  boxNo: string;
  /** Number of identical boxes. */
  boxQty: number;
  weightDeclared: number;
  declaredWeightUnit: 'KG';
  lengthDeclared: number;
  widthDeclared: number;
  heightDeclared: number;
  declareDimensionUnit: 'CM';
  /** Serialised under PO_CONTAINER_KEYS.lines. */
  lines: EtowerPoLineInput[];
}

interface EtowerPoShipperFields {
  shipperContactName?: string;
  shipperBizName?: string;
  shipperPhone?: string;
  shipperEmail?: string;
  country?: string;
  state?: string;
  city?: string;
  district?: string;
  postCode?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
}

export interface EtowerPoInput extends EtowerPoShipperFields {
  referenceNo: string;
  warehouseCode: string;
  /** 1 count per piece, 2 count per box. */
  tallyRule: 1 | 2;
  /** Send our box numbers to the warehouse: 1 yes, 2 no. */
  useShipperBoxNo: 1 | 2;
  /** `yyyy-MM-dd` (or with time). */
  eta?: string;
  shippedDate?: string;
  /** Saved sender address; when given the shipper fields may be omitted, otherwise contact name,
   *  phone, country and addressLine1 are required. */
  shipperWarehouseCode?: string;
  /** Serialised under PO_CONTAINER_KEYS.boxes. */
  boxes: EtowerPoBoxInput[];
}
