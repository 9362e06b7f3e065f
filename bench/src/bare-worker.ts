// Baseline 3: a bare BullMQ worker that makes the same eTower call with the same client (the bridge's got-based
// EtowerClient) at the same concurrency, and nothing else: no state store, no pushes, no validation.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createEtowerClient } from '@bridge/etower';
import type { EtowerCreateOrderInput } from '@bridge/etower';

const env = process.env as Record<string, string>;
const etower = createEtowerClient({
  baseUrl: env.ETOWER_BASE_URL!,
  token: env.ETOWER_TOKEN!,
  key: env.ETOWER_KEY!,
  timeoutMs: 30000,
});
const worker = new Worker(
  'bare',
  async (job) => {
    const [result] = await etower.createOrders([job.data as EtowerCreateOrderInput]);
    if (!result?.ok) throw new Error(`not created: ${JSON.stringify(result)}`);
    return { orderNo: result.orderNo };
  },
  {
    connection: new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null }),
    prefix: '{bench}',
    concurrency: Number(env.WORKER_CONCURRENCY ?? 50),
    removeOnComplete: { age: 7 * 24 * 3600, count: 200000 },
  },
);
worker.on('ready', () => process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`));
process.on('SIGTERM', () => {
  void worker.close().then(() => {
    etower.close();
    process.exit(0);
  });
});
