import type { EtowerClient } from '@bridge/etower';
import { buildCatalog, type Catalog } from './build-catalog';
import type { CatalogStore } from './catalog-store';

export interface RefreshCatalogDeps {
  etower: EtowerClient;
  store: CatalogStore;
  now?: () => number;
}

/** Use case: read eTower's fulfillment warehouses and services, and replace the tenant's catalog. */
export async function refreshCatalog(
  tenant: string,
  deps: RefreshCatalogDeps,
): Promise<{ warehouses: number; channels: number }> {
  let catalog: Catalog;
  try {
    const warehouses = await deps.etower.warehouseServiceList(5);
    catalog = buildCatalog(warehouses, (deps.now ?? Date.now)());
  } catch (err) {
    await deps.store.recordError(tenant, (err as Error).message);
    throw err;
  }
  await deps.store.put(tenant, catalog);
  return { warehouses: catalog.warehouses.length, channels: catalog.channels.length };
}
