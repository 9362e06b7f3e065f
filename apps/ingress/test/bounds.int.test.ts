import { jobCounts, startBridge, TEST_ASN_SHIPPER, TEST_PRODUCT_DEFAULTS, type BridgeHarness } from '@bridge/testkit';
import { Redis } from 'ioredis';

// Bounds at the door (issue 22) through the real ingress: each absurd value is answered HTTP 200 with
// success:false naming the field (never a 500, as estimatedArrivalDate 1e30 was), and nothing is recorded or
// enqueued. The tenant can build ASNs and products, so a value that slipped past the schema would reach the
// mappings and the stores. No worker runs.
let bridge: BridgeHarness;
let redis: Redis;
beforeAll(async () => {
  bridge = await startBridge({
    workers: 0,
    // With no worker, a document taken is answered "accepted" when this wait runs out: short, as nothing can
    // finish it sooner (the harness's 3 s was the second test's whole time).
    bridgeEnv: { SYNC_WAIT_MS: '300' },
    tenant: { asnShipper: TEST_ASN_SHIPPER, productDefaults: TEST_PRODUCT_DEFAULTS },
  });
  redis = new Redis(bridge.redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await bridge?.stop();
});

const order = (
  over: Record<string, unknown> = {},
  line: Record<string, unknown> = {},
  receiver: Record<string, unknown> = {},
) => ({
  orderNumber: 'BOUNDS-1',
  onlineOrderId: 'ONL-1',
  shopName: 'shop',
  warehouseCode: 'USWH1',
  logisticsCode: 'USPS Ground',
  platform: 'TIKTOK',
  freight: 1,
  receiver: {
    name: 'Kim',
    phone: '1',
    country: 'US',
    state: 'AR',
    city: 'Harrison',
    address1: 'Street 1',
    postalCode: '72601',
    ...receiver,
  },
  skuList: [{ sku: 'SKU-000001', quantity: 1, amount: 2, ...line }],
  ...over,
});
const asn = (over: Record<string, unknown> = {}, mark: Record<string, unknown> = {}) => ({
  asnNumber: 'BOUNDS-A1',
  warehouseCode: 'USWH1',
  skuList: [{ sku: 'SKU-000001', quantity: 2 }],
  asnMarkSku: [{ boxNumber: '1', sku: 'SKU-000001', quantity: 2, length: 10, width: 10, height: 10, ...mark }],
  ...over,
});
const product = (over: Record<string, unknown>) => ({
  sku: 'BOUNDS-P1',
  title: 'Cup',
  weight: '350',
  weightUnit: 'GRAM',
  length: '10',
  width: '10',
  height: '10',
  dimensionUnit: 'cm',
  ...over,
});

const CASES: Array<[string, string, object | string, string]> = [
  [
    'createAsnOrder',
    'estimatedArrivalDate 1e30 (was HTTP 500)',
    asn({ estimatedArrivalDate: 1e30 }),
    'estimatedArrivalDate must be a time in epoch milliseconds between 2000-01-01 and 2099-12-31',
  ],
  [
    'createAsnOrder',
    'box quantity 1e30',
    asn({}, { quantity: 1e30 }),
    'asnMarkSku[0].quantity must be a whole number between 0 and 999999999',
  ],
  [
    'createAsnOrder',
    'box length 1e30',
    asn({}, { length: 1e30 }),
    'asnMarkSku[0].length must be a number between 0 and 9999.9',
  ],
  [
    'createOrder',
    'quantity 1e308',
    order({}, { quantity: 1e308 }),
    'skuList[0].quantity must be a whole number between 1 and 999999999',
  ],
  [
    'createOrder',
    'quantity 2^53+1',
    JSON.stringify(order()).replace('"quantity":1', '"quantity":9007199254740993'),
    'skuList[0].quantity must be a whole number between 1 and 999999999',
  ],
  [
    'createOrder',
    'amount 1e307',
    order({}, { amount: 1e307 }),
    'skuList[0].amount must be an amount between 0 and 99999999.99',
  ],
  [
    'createOrder',
    '10,249-character orderNumber',
    order({ orderNumber: 'X'.repeat(10_249) }),
    'orderNumber must be at most 50 characters',
  ],
  [
    'createOrder',
    'orderNumber with U+202E',
    order({ orderNumber: 'BOUNDS\u202e2' }),
    'orderNumber must not contain control, line-separator, bidirectional or invisible characters (U+202E at character 7)',
  ],
  [
    'createOrder',
    'orderNumber with CR/LF',
    order({ orderNumber: 'BOUNDS\r\n3' }),
    'orderNumber must not contain control, line-separator, bidirectional or invisible characters (U+000D at character 7)',
  ],
  [
    'createOrder',
    '100,000-character receiver name',
    order({}, {}, { name: 'N'.repeat(100_000) }),
    'receiver.name must be at most 100 characters',
  ],
  [
    'createOrder',
    'country "not-a-country-💥"',
    order({}, {}, { country: 'not-a-country-💥' }),
    'receiver.country must be an ISO 3166-1 alpha-2 country code such as US',
  ],
  [
    'insert_sku_info',
    'negative length',
    product({ length: '-1' }),
    'length must be a number greater than 0 and at most 9999.9',
  ],
  [
    'insert_sku_info',
    '150,000 KG',
    product({ weight: '150000', weightUnit: 'KG' }),
    "product BOUNDS-P1 cannot be created at eTower: weight must be at least 0.001 and at most 99999.999 KG once converted to eTower's unit",
  ],
  [
    'insert_sku_info',
    'javascript: image URL',
    product({ imageUrl: 'javascript:alert(1)' }),
    'imageUrl must be an http or https URL of at most 4000 characters',
  ],
  [
    'getOrder',
    'orderNumber with NUL',
    { orderNumber: 'A\u0000' },
    'orderNumber must not contain control, line-separator, bidirectional or invisible characters (U+0000 at character 2)',
  ],
];

test('every absurd value is answered 200 success:false naming the field, and nothing is recorded or enqueued', async () => {
  await jobCounts(bridge.redisUrl); // its Queue handles write BullMQ's meta keys: before the snapshot, not after
  const keysBefore = (await redis.keys('*')).sort();
  for (const [method, what, content, message] of CASES) {
    const res = await bridge.call(method, content);
    expect({ what, status: res.status, body: res.body }).toEqual({
      what,
      status: 200,
      body: expect.objectContaining({ success: false }),
    });
    const said = res.body.message ?? res.body.results?.[0]?.info;
    expect({ what, said }).toEqual({ what, said: message });
  }
  expect(Object.values(await jobCounts(bridge.redisUrl)).reduce((a, b) => a + b, 0)).toBe(0);
  expect((await redis.keys('*')).sort()).toEqual(keysBefore);
});

test('the same documents within bounds are taken (the refusals above were the values, not the documents)', async () => {
  const took = await bridge.call(
    'createAsnOrder',
    asn({ estimatedArrivalDate: Date.UTC(2030, 0, 1) }, { length: 9999.9 }),
  );
  expect(took).toMatchObject({ status: 200, body: { success: true } });
  expect((await jobCounts(bridge.redisUrl)).asn).toBe(1);
});

// The catalog's first read when nothing reads it in time (here no worker; in production eTower slow or down): the
// calls wait SYNC_WAIT_MS, then say so, and a burst makes one refresh job, not one per call.
test('warehouses and channels before the catalog was ever read: success:false, one refresh job for the burst', async () => {
  const answers = await Promise.all([
    bridge.call('warehouses', ''),
    bridge.call('channels', ''),
    bridge.call('warehouses', ''),
  ]);
  for (const answer of answers)
    expect(answer).toMatchObject({
      status: 200,
      body: { success: false, message: expect.stringContaining('has not been read from eTower yet') },
    });
  expect((await jobCounts(bridge.redisUrl)).inventory).toBe(1);
});
