import { Redis } from 'ioredis';
import { keys } from '@bridge/core';
import {
  startBridge,
  eventually,
  productContent,
  TEST_PRODUCT_DEFAULTS,
  TEST_TENANT,
  type BridgeHarness,
} from '@bridge/testkit';

// insert_sku_info -> skus queue -> eTower product/create, batched, against the sandbox.
const productDefaults = TEST_PRODUCT_DEFAULTS;
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ tenant: { productDefaults } });
});
afterAll(async () => {
  await bridge?.stop();
});

const product = productContent;
const stats = () => bridge.control('/__control/etower/stats');

test('65 products arriving together reach eTower in batches of at most 30, each answered CREATE', async () => {
  const skus = Array.from({ length: 65 }, (_, i) => `NEW-${String(i).padStart(3, '0')}`);
  const answers = await Promise.all(skus.map((s) => bridge.call('insert_sku_info', product(s))));
  for (const [i, a] of answers.entries()) {
    expect(a.body).toEqual({ success: true, message: '', results: [{ sku: skus[i], operation: 'CREATE', info: '' }] });
  }
  const s = await stats();
  const sizes: number[] = s.productBatchSizes;
  expect(sizes.every((n) => n >= 1 && n <= 30)).toBe(true);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(65);
  // Grouped, not one call per product.
  expect(sizes.length).toBeLessThanOrEqual(6);
  expect(Object.keys(s.productsCreated)).toHaveLength(65);
  expect(Object.values(s.productAttempts).every((n) => n === 1)).toBe(true);
});

test('a repeat is success, saying eTower has no update; eTower is not called again', async () => {
  await bridge.call('insert_sku_info', product('REP-1'));
  const before = (await stats()).productBatchSizes.length;
  const again = await bridge.call('insert_sku_info', product('REP-1', { title: 'renamed' }));
  expect(again.body.success).toBe(true);
  expect(again.body.results).toEqual([
    { sku: 'REP-1', operation: 'CREATE', info: expect.stringMatching(/already created at eTower.*no product update/) },
  ]);
  expect((await stats()).productBatchSizes.length).toBe(before);
});

test('a product eTower already has (created outside the bridge) is success with the same note', async () => {
  const res = await bridge.call('insert_sku_info', product('SKU-000007'));
  expect(res.body.success).toBe(true);
  expect(res.body.results[0].info).toMatch(/already created at eTower.*no product update/);
});

test('a product missing a required value is refused with its name, and nothing is queued or sent', async () => {
  const before = await stats();
  const res = await bridge.call('insert_sku_info', product('NOWEIGHT', { weight: undefined }));
  expect(res.body.success).toBe(false);
  expect(res.body.message).toContain('weight');
  expect(res.body.results).toEqual([{ sku: 'NOWEIGHT', operation: 'CREATE', info: expect.stringContaining('weight') }]);
  // Refused at the door: never pending, so no drain can send it.
  const redis = new Redis(bridge.redisUrl);
  expect(await redis.zscore(keys.skuPending(TEST_TENANT.accessId), 'NOWEIGHT')).toBeNull();
  redis.disconnect();
  expect((await stats()).productAttempts.NOWEIGHT).toBeUndefined();
  expect((await stats()).productBatchSizes.length).toBe(before.productBatchSizes.length);
});

test('units are converted for eTower (grams to kg, metres to cm)', async () => {
  await bridge.call('insert_sku_info', product('UNITS-1', { weight: '1500', length: '1.2' }));
  // The sandbox accepted it (KG and CM are the only units it takes with these values).
  await eventually(async () => (await stats()).productsCreated['UNITS-1'] === 1);
});
