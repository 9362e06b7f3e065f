// Request type for product/create (reference §3.7, newest field table).

export interface EtowerCountryInformationItem {
  countryCode: string;
  hsCode: string;
  /** 0 own brand, 1 authorised brand, 2 no brand. */
  destinationCountryBrand?: 0 | 1 | 2;
  remark?: string;
}

export interface EtowerProductInput {
  sku: string;
  skuNameCn: string;
  skuNameEn: string;
  hsCode: string;
  grossWeight: number;
  estimateWeightUnit: 'KG' | 'LB';
  productLength: number;
  productWidth: number;
  productHeight: number;
  estimateDimensionUnit?: 'CM' | 'IN';
  invoiceValue: number;
  currency: string;
  /** Ships in its own packaging: 0 no, 1 yes. */
  shippingBagPacked: 0 | 1;
  productMaterial: string;
  productUsage: string;
  /** 0 none, 1 packed with equipment, 2 inside equipment, 3 batteries only. */
  batterySize: 0 | 1 | 2 | 3;
  /** 0 liquid, 1 powder, 2 paste/gel, 3..6 combinations, 7 none. */
  otherAttributes: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  barCodeNumber?: string;
  originCountry?: string;
  countryInformationItems?: EtowerCountryInformationItem[];
  actualValue?: number;
  packagingAttributes?: string;
  brand?: string;
  supplier?: string;
  model?: string;
  /** 0 item, 1 kit, 2 box. */
  combinationType?: 0 | 1 | 2;
  /** 1 per piece, 2 per box. */
  tallyRule?: 1 | 2;
  /** "DG" for dangerous goods. */
  hazardous?: string;
  url?: string;
  skuRemark?: string;
}
