import { Redis } from 'ioredis';
import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber, pushesOf } from './order-fixtures';

// Issue 23: a finished order leaves Redis after DOCUMENT_RETENTION_MS (here 3 s), every key of it; getOrder then says the order is no longer kept; and a createOrder repeated after that is resolved by
// eTower's duplicate check and read back: adopted under the same warehouse order number, never created twice.
let bridge: BridgeHarness;
let redis: Redis;
const RETENTION_MS = 3000;

beforeAll(async () => {
  bridge = await startBridge({
    sandboxEnv: { SANDBOX_ACCEPT_AFTER_MS: '100', SANDBOX_SHIP_AFTER_MS: '300' },
    bridgeEnv: { DOCUMENT_RETENTION_MS: String(RETENTION_MS) },
  });
  redis = new Redis(bridge.redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await bridge?.stop();
});

/** Every key whose name holds the order number (SCAN, as an operator would look). */
async function keysOf(number: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `*${number}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

async function finalPush(number: string, status: string) {
  return eventually(async () => (await pushesOf(bridge, number)).at(-1)?.content.status === status, 20000);
}

test('a finished order is gone after the retention, every key of it; a repeat is adopted, not created again', async () => {
  const n = orderNumber('RET');
  const first = await bridge.call('createOrder', order(n));
  expect(first.body.success).toBe(true);
  await finalPush(n, 'SUCCESS');
  const shipped = (await bridge.call('getOrder', { orderNumber: n })).body.data;
  expect(shipped).toMatchObject({ status: 'SUCCESS', warehouseOrderNumber: expect.any(String) });
  expect((await keysOf(n)).length).toBeGreaterThan(0);

  const gone = await eventually(async () => ((await keysOf(n)).length === 0 ? true : undefined), 30000, 250);
  expect(gone).toBe(true);
  expect(await redis.zscore('{bridge}:expiring:test-access-id:order', n)).toBeNull();
  const answer = await bridge.call('getOrder', { orderNumber: n });
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    success: false,
    message: `order ${n} is not known to this bridge: it was never received, or it finished more than 3 seconds ago and is no longer kept (DOCUMENT_RETENTION_MS)`,
  });

  // Sent again after it expired: eTower refuses the duplicate referenceNo, the bridge reads it back and adopts it.
  const again = await bridge.call('createOrder', order(n));
  expect(again.body).toMatchObject({ success: true });
  const adopted = await eventually(async () => {
    const d = (await bridge.call('getOrder', { orderNumber: n })).body.data;
    return d?.warehouseOrderNumber ? d : undefined;
  }, 20000);
  expect(adopted.warehouseOrderNumber).toBe(shipped.warehouseOrderNumber);
  expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
});
