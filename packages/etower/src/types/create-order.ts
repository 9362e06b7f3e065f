// Request types for createOrders (reference §3.2 and §3.2a). Only Fulfillment orders are in scope, so the
// B2C-only objects (shipper, returnAddress, collection) are left out on purpose.

export interface EtowerConsignee {
  name: string;
  countryCode: string;
  city: string;
  addressLine1: string;
  state?: string;
  company?: string;
  phone?: string;
  email?: string;
  district?: string;
  addressLine2?: string;
  addressLine3?: string;
  zipCode?: string;
  addressCode?: string;
  taxId?: string;
  taxId1?: string;
  extendData?: Record<string, unknown>;
}

export interface EtowerOrderItem {
  sku: string;
  /** Integer; the doc sample sends a string, we send a number. */
  quantity: number;
  itemNumber?: string;
  itemDescEn?: string;
  itemDesc?: string;
  hsCode?: string;
  quantityUnit?: string;
  unitPrice?: number;
  /** Base64 picture. */
  picture?: string;
  salesURL?: string;
  originCountryCode?: string;
  weight?: number;
  usage?: string;
  material?: string;
  extendData?: Record<string, unknown>;
}

export interface EtowerAttachment {
  /** File name, at most 95 characters. */
  attachName: string;
  /** Base64 file content. */
  attachData: string;
  attachType: 'rar' | 'zip' | 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx';
  /** Sic (eTower's spelling): 1 = label, anything else = other document. */
  filtType: number;
}

export interface EtowerParcel {
  referenceNo: string;
  referenceNo1?: string;
  referenceNo2?: string;
  consignmentId?: string;
  /** Required with a merchant-supplied label. */
  trackingNo?: string;
  descriptionEn?: string;
  description?: string;
  dangerousGoods?: boolean;
  batteryType?: string;
  weight?: number;
  weightUnit?: 'KG' | 'G' | 'LB';
  length?: number;
  width?: number;
  height?: number;
  dimensionUnit?: 'CM' | 'M';
  invoiceValue?: number;
  invoiceCurrencyCode?: string;
  transactionAmount?: number;
  transactionCurrency?: string;
  shippingInstruction?: string;
  sortCode?: string;
  /** Merchant-supplied label: 0 = `label` is a URL, 1 = `label` is Base64 (warehouse accepts PDF only). */
  labelType?: 0 | 1;
  label?: string;
  /** File name with extension, e.g. `label.pdf`. */
  labelName?: string;
  /** At most 5 extra files. */
  attachments?: EtowerAttachment[];
  /** Known key: keepShipService (lock the chosen service). */
  extendData?: { keepShipService?: boolean } & Record<string, unknown>;
  items: EtowerOrderItem[];
}

export interface EtowerCreateOrderInput {
  orderType: 'Fulfillment';
  /** The warehouseCode. */
  facility: string;
  /** Our unique order id (the ERP order number); eTower refuses a repeat with 600904/600222. */
  referenceNo: string;
  /** A serviceName (not serviceCode) of an active serviceType-5 service of that warehouse. */
  channelCode: string;
  channelOption?: string;
  businessCode?: string;
  purchaseOrderNo?: string;
  platform?: string;
  incoterm?: 'DDU' | 'DDP';
  collectionType?: 'Pickup' | 'Drop off';
  isInsurance?: boolean;
  isSignature?: boolean;
  remark?: string;
  /** true (default): released to the warehouse at once; false: a draft to release with confirmOrders. */
  isNeedConfirm?: boolean;
  extendData?: Record<string, unknown>;
  consignee: EtowerConsignee;
  parcels: EtowerParcel[];
}
