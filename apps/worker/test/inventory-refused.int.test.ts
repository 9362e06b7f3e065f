import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { InventoryRebuildRefusedError, InventorySnapshotStore, type QueueAdmin } from '@bridge/core';
import type { EtowerInventoryPage } from '@bridge/etower';
import { createWorkerMetrics } from '../src/metrics';
import { processRebuildInventory } from '../src/processors/inventory';
import type { JobRun, ProcessorContext } from '../src/processors/context';

// A rebuild that refuses to publish fails its job loudly: the refusal is counted by tenant and reason, and one
// warning line carries the figures. The previous snapshot stays (tested with the use case in @bridge/core).
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

test("a snapshot contradicting eTower's total: counted, logged, the job fails", async () => {
  const metrics = createWorkerMetrics({} as QueueAdmin);
  const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  const page: EtowerInventoryPage = {
    records: [{ sku: 'S1', warehouses: [] }] as unknown as EtowerInventoryPage['records'],
    pageNum: 1,
    pages: 1,
    total: 3,
    hasNextPage: false,
  };
  const ctx = {
    tenants: { etower: () => ({ inventory: async () => page }) },
    snapshots: new InventorySnapshotStore(redis),
    metrics,
    logger: {
      warn: (fields: Record<string, unknown>, msg: string) => {
        lines.push({ fields, msg });
      },
    },
  } as unknown as ProcessorContext;
  const run = { signal: new AbortController().signal } as JobRun;

  await expect(processRebuildInventory({ tenant: 'acme' }, ctx, run)).rejects.toBeInstanceOf(
    InventoryRebuildRefusedError,
  );
  await expect(processRebuildInventory({ tenant: 'acme' }, ctx, run)).rejects.toThrow(
    /eTower counts 3 inventory records but the walk read 1/,
  );
  expect(await metrics.registry.getSingleMetricAsString('bridge_inventory_rebuilds_refused_total')).toContain(
    'bridge_inventory_rebuilds_refused_total{tenant="acme",reason="total-mismatch"} 2',
  );
  expect(lines[0]).toMatchObject({
    fields: { tenant: 'acme', reason: 'total-mismatch', total: 3, read: 1 },
    msg: expect.stringMatching(/^inventory snapshot not published: /),
  });
  expect(await new InventorySnapshotStore(redis).current('acme')).toBeNull();
});
