import type { EtowerWarehouse } from '@bridge/etower';

export interface CatalogWarehouse {
  warehouseCode: string;
  warehouseName: string;
  countryCode?: string;
}
export interface CatalogChannel {
  channelCode: string;
  channelName: string;
  carrierName: string;
  warehouseCode: string;
}
export interface Catalog {
  fetchedAt: number;
  warehouses: CatalogWarehouse[];
  channels: CatalogChannel[];
}

const FULFILLMENT = 5;

/**
 * eTower's warehouse/service list as Qianyi sees it (contract, "The ingress endpoint"): a channel is an active
 * fulfillment service, named by its serviceName (what createOrders takes as channelCode); eTower has no carrier
 * per service, so its serviceCode stands in. Only warehouses with at least one such channel are offered.
 */
export function buildCatalog(source: readonly EtowerWarehouse[], fetchedAt: number): Catalog {
  const channels: CatalogChannel[] = [];
  const warehouses: CatalogWarehouse[] = [];
  const names = new Map<string, number>();
  for (const w of source)
    names.set(w.warehouseName ?? w.warehouseCode, (names.get(w.warehouseName ?? w.warehouseCode) ?? 0) + 1);
  const seen = new Set<string>();
  for (const w of source) {
    if (seen.has(w.warehouseCode)) continue;
    const own = (w.serviceList ?? [])
      .filter((s) => Number(s.serviceType) === FULFILLMENT && Number(s.active) === 1 && s.serviceName)
      .map((s) => ({
        channelCode: s.serviceName,
        channelName: s.serviceName,
        carrierName: s.serviceCode || s.serviceName,
        warehouseCode: w.warehouseCode,
      }));
    if (own.length === 0) continue;
    seen.add(w.warehouseCode);
    channels.push(...own);
    const name = w.warehouseName || w.warehouseCode;
    // Qianyi wants unique warehouse names; two eTower warehouses with one name are told apart by their code.
    warehouses.push({
      warehouseCode: w.warehouseCode,
      warehouseName: (names.get(name) ?? 0) > 1 ? `${name} (${w.warehouseCode})` : name,
      ...(w.countryCode ? { countryCode: w.countryCode } : {}),
    });
  }
  return { fetchedAt, warehouses, channels };
}
