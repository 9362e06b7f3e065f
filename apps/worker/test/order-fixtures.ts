import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createJobId, releaseJobId } from '@bridge/core';
import { KEY_PREFIX } from '@bridge/runtime';
import { eventually, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';

let counter = 0;
/** A unique order number per call, so tests sharing a sandbox never collide. */
export function orderNumber(prefix = 'SO'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export function order(number: string, overrides: Record<string, unknown> = {}) {
  return {
    orderNumber: number,
    onlineOrderId: `ONL-${number}`,
    shopName: '测试店',
    warehouseCode: 'USWH1',
    logisticsCode: 'USPS Ground',
    platform: 'TIKTOK',
    freight: 20.0,
    codEnabled: 0,
    receiver: {
      name: 'Kimberly White',
      phone: '1889838055188',
      email: 'kim@example.com',
      country: 'US',
      state: 'AR',
      city: 'Harrison',
      address1: 'TestStreet1',
      postalCode: '72601',
    },
    skuList: [
      {
        sku: 'SKU-000001',
        erpSku: 'ERP-1',
        name: 'Cup',
        quantity: 2,
        amount: 24.5,
        hsCode: '392410',
        englishCustomsDeclarationName: 'Cup',
        chineseCustomsDeclarationName: '杯子',
      },
    ],
    ...overrides,
  };
}

/** Pushes the Qianyi receiver accepted for one order, oldest first. */
export async function pushesOf(
  bridge: BridgeHarness,
  number: string,
): Promise<Array<{ content: Record<string, any> }>> {
  return bridge.control(`/__control/qianyi/pushes?orderNumber=${encodeURIComponent(number)}`);
}

export { etowerStats } from '@bridge/testkit';

const JOB_IDS = { createOrder: createJobId, releaseOrder: releaseJobId };

/**
 * Until the order's create or release job has nothing left to do: removed, completed, or failed for good (a job
 * waiting, delayed for a retry or running is not settled). What a test awaits before saying "it never happened".
 */
export async function jobSettled(bridge: BridgeHarness, name: keyof typeof JOB_IDS, number: string): Promise<void> {
  const redis = new Redis(bridge.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('orders', { connection: redis, prefix: KEY_PREFIX });
  try {
    const id = JOB_IDS[name](TEST_TENANT.accessId, number);
    await eventually(async () => {
      const job = await queue.getJob(id);
      return !job || ['completed', 'failed'].includes(await job.getState());
    }, 20000);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
