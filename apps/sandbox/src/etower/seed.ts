// The simulated account's warehouses and services (what warehouseServiceList returns), and the seeded stock.
//
//   USWH1 "US West" (US)   serviceType 5: "USPS Ground" (USPSG), "FedEx Ground" (FEDEXG) active;
//                                         "UPS Ground" (UPSG) INACTIVE
//                          serviceType 4: "US Transshipment" (USTS) active
//   DEWH1 "Germany" (DE)   serviceType 5: "DHL Paket" (DHLP) active; serviceType 4: "DE Transshipment" (DETS)
//   AUWH1 "Australia" (AU) serviceType 5: "AU Post Parcel" (AUPP) INACTIVE only -> no usable channel
//
// Stock: `skuCount` SKUs named SKU-000001.. in USWH1 and DEWH1, quantities derived from the SKU index,
// the warehouse index and a "generation" counter, so every run (and every page) is reproducible.

export interface SeedService {
  serviceCode: string;
  serviceName: string;
  serviceType: 4 | 5;
  active: 0 | 1;
  /** What orderList reports as shipmentCarrier once shipped. */
  carrier: string;
  /** Tracking numbers are prefix + zero-padded order sequence. */
  trackingPrefix: string;
  trackingDigits: number;
}

export interface SeedWarehouse {
  warehouseCode: string;
  warehouseName: string;
  countryCode: string;
  services: SeedService[];
}

export const SEED_WAREHOUSES: readonly SeedWarehouse[] = [
  {
    warehouseCode: 'USWH1',
    warehouseName: 'US West',
    countryCode: 'US',
    services: [
      {
        serviceCode: 'USPSG',
        serviceName: 'USPS Ground',
        serviceType: 5,
        active: 1,
        carrier: 'USPS',
        trackingPrefix: '9400111',
        trackingDigits: 15,
      },
      {
        serviceCode: 'FEDEXG',
        serviceName: 'FedEx Ground',
        serviceType: 5,
        active: 1,
        carrier: 'FedEx',
        trackingPrefix: '7',
        trackingDigits: 11,
      },
      {
        serviceCode: 'UPSG',
        serviceName: 'UPS Ground',
        serviceType: 5,
        active: 0,
        carrier: 'UPS',
        trackingPrefix: '1Z',
        trackingDigits: 16,
      },
      {
        serviceCode: 'USTS',
        serviceName: 'US Transshipment',
        serviceType: 4,
        active: 1,
        carrier: 'Freight',
        trackingPrefix: 'FR',
        trackingDigits: 10,
      },
    ],
  },
  {
    warehouseCode: 'DEWH1',
    warehouseName: 'Germany',
    countryCode: 'DE',
    services: [
      {
        serviceCode: 'DHLP',
        serviceName: 'DHL Paket',
        serviceType: 5,
        active: 1,
        carrier: 'DHL',
        trackingPrefix: '00340434',
        trackingDigits: 12,
      },
      {
        serviceCode: 'DETS',
        serviceName: 'DE Transshipment',
        serviceType: 4,
        active: 1,
        carrier: 'Freight',
        trackingPrefix: 'FR',
        trackingDigits: 10,
      },
    ],
  },
  {
    warehouseCode: 'AUWH1',
    warehouseName: 'Australia',
    countryCode: 'AU',
    services: [
      {
        serviceCode: 'AUPP',
        serviceName: 'AU Post Parcel',
        serviceType: 5,
        active: 0,
        carrier: 'AusPost',
        trackingPrefix: '33',
        trackingDigits: 18,
      },
    ],
  },
];

/** Warehouses that hold the seeded stock. */
export const STOCKED_WAREHOUSES = ['USWH1', 'DEWH1'] as const;

export function findWarehouse(code: string): SeedWarehouse | undefined {
  return SEED_WAREHOUSES.find((w) => w.warehouseCode === code);
}

/** The active fulfillment service a createOrders channelCode (a serviceName) refers to, if any. */
export function findFulfillmentService(facility: string, channelCode: string): SeedService | undefined {
  return findWarehouse(facility)?.services.find(
    (s) => s.serviceType === 5 && s.active === 1 && s.serviceName === channelCode,
  );
}

export const seedSkuName = (index: number): string => `SKU-${String(index).padStart(6, '0')}`;

export function seedSkuIndex(sku: string, skuCount: number): number | undefined {
  const m = /^SKU-(\d{6})$/.exec(sku);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= skuCount ? n : undefined;
}

export interface Quantities {
  availableInventory: number;
  incomingInventory: number;
  outgoingInventory: number;
  unsellableInventory: number;
}

/** Deterministic stock of seeded SKU `index` in stocked warehouse `w`; each generation adds to every bucket. */
export function seedQuantities(index: number, w: number, generation: number): Quantities {
  return {
    availableInventory: ((index * 37 + w * 101) % 500) + generation * 10,
    incomingInventory: ((index * 13 + w * 7) % 60) + generation,
    outgoingInventory: ((index * 7 + w * 3) % 25) + generation,
    unsellableInventory: ((index + w) % 4) + generation,
  };
}
