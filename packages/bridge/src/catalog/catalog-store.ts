import type { Redis } from 'ioredis';
import { keys } from '../state/keys';
import type { Catalog } from './build-catalog';

export interface CatalogError {
  at: number;
  message: string;
}

/** The cached catalog per tenant. Written whole, so readers never see half of a refresh. */
export class CatalogStore {
  constructor(private readonly redis: Redis) {}

  async get(tenant: string): Promise<Catalog | undefined> {
    const raw = await this.redis.get(keys.catalog(tenant));
    return raw ? (JSON.parse(raw) as Catalog) : undefined;
  }

  async put(tenant: string, catalog: Catalog): Promise<void> {
    await this.redis.multi().set(keys.catalog(tenant), JSON.stringify(catalog)).del(keys.catalogError(tenant)).exec();
  }

  /** The last refresh failure, so an answer can say why there is no catalog instead of just "empty". */
  async recordError(tenant: string, message: string): Promise<void> {
    await this.redis.set(keys.catalogError(tenant), JSON.stringify({ at: Date.now(), message }), 'EX', 7 * 24 * 3600);
  }

  async lastError(tenant: string): Promise<CatalogError | undefined> {
    const raw = await this.redis.get(keys.catalogError(tenant));
    return raw ? (JSON.parse(raw) as CatalogError) : undefined;
  }
}
