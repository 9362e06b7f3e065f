import type { BridgeHarness } from '@bridge/testkit';

// Only the testkit here: every worker test imports this file, and BullMQ and the bridge's own packages cost a
// test file ~0.4 s of CPU to load (job-settled.ts, for the tests that read the queues).

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
