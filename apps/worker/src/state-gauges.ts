import type { WorkerMetrics } from './metrics';
import type { ProcessorContext } from './processors/context';

/** Ages of the cached eTower data, read from Redis at scrape time: a stalled refresh shows as a growing age. */
export function registerStateGauges(metrics: WorkerMetrics, ctx: ProcessorContext): void {
  metrics.gauge(
    'bridge_inventory_snapshot_age_seconds',
    'Age of the current inventory snapshot per tenant',
    ['tenant'],
    async (set) => {
      for (const t of ctx.tenants.all()) {
        const built = await ctx.snapshots.builtAt(t.accessId).catch(() => undefined);
        if (built !== undefined) set({ tenant: t.accessId }, (Date.now() - built) / 1000);
      }
    },
  );
  metrics.gauge(
    'bridge_catalog_age_seconds',
    'Age of the warehouse/channel catalog per tenant',
    ['tenant'],
    async (set) => {
      for (const t of ctx.tenants.all()) {
        const catalog = await ctx.catalogStore.get(t.accessId).catch(() => undefined);
        if (catalog) set({ tenant: t.accessId }, (Date.now() - catalog.fetchedAt) / 1000);
      }
    },
  );
  metrics.gauge(
    'bridge_open_orders',
    'Outbound orders the poller still follows, per tenant',
    ['tenant'],
    async (set) => {
      for (const t of ctx.tenants.all()) {
        // Unread is not none: a failed read sets nothing rather than 0.
        const open = await ctx.orders.openCount(t.accessId).catch(() => undefined);
        if (open !== undefined) set({ tenant: t.accessId }, open);
      }
    },
  );
}
