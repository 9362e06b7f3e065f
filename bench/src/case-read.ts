// Benchmark 2: the read path. getOrder over the 50,000 orders the poller case seeded, and syncInventory pages
// of 1000 from the 100,000-SKU snapshot its real rebuild published, through the real ingress.
import { signedBody } from './payloads';
import { memoryOf } from './procs';
import { probe, warmThenLoad, type LoadResult } from './load';
import { bridgeEnv, startIngress, stopAll } from './stack';

export interface ReadResult {
  getOrder: LoadResult;
  syncInventory: LoadResult;
  syncInventorySweep: LoadResult;
  ingressPeakRssMb: number;
}

export async function benchRead(opts: {
  redisUrl: string;
  orderNumbers: (i: number) => string;
  skuCount: number;
  durationS: number;
  ingressEnv?: Record<string, string>;
}): Promise<ReadResult> {
  const ingress = await startIngress({ ...bridgeEnv(opts.redisUrl, 'http://127.0.0.1:9'), ...opts.ingressEnv });
  try {
    await probe(
      ingress.url,
      signedBody('getOrder', JSON.stringify({ orderNumber: opts.orderNumbers(0) })),
      (a) => a.success === true,
    );
    await probe(
      ingress.url,
      signedBody('syncInventory', JSON.stringify({ warehouseCode: 'USWH1', page: 2, pageSize: 1000 })),
      (a) => a.success === true && (a.data as unknown[] | undefined)?.length === 1000,
    );
    const getOrder = await warmThenLoad({
      url: ingress.url,
      durationS: opts.durationS,
      body: (i) => signedBody('getOrder', JSON.stringify({ orderNumber: opts.orderNumbers(i) })),
    });
    const pages = Math.ceil(opts.skuCount / 1000);
    const syncInventory = await warmThenLoad({
      url: ingress.url,
      durationS: opts.durationS,
      body: (i) =>
        signedBody('syncInventory', JSON.stringify({ warehouseCode: 'USWH1', page: (i % pages) + 1, pageSize: 1000 })),
    });
    // Qianyi sweeps a warehouse one page after another: one connection is how the ERP really reads.
    const syncInventorySweep = await warmThenLoad({
      url: ingress.url,
      durationS: opts.durationS,
      connections: 1,
      body: (i) =>
        signedBody('syncInventory', JSON.stringify({ warehouseCode: 'USWH1', page: (i % pages) + 1, pageSize: 1000 })),
    });
    return { getOrder, syncInventory, syncInventorySweep, ingressPeakRssMb: memoryOf(ingress.pid).peakMb };
  } finally {
    await stopAll(ingress);
  }
}
