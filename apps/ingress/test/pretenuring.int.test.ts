import { computeSign } from '@bridge/qianyi';
import { isolatedRedisUrl, startApp, TEST_TENANT, type AppProcess } from '@bridge/testkit';

// INGRESS_V8_PRETENURING reaches V8: with V8's pretenuring statistics traced, an ingress that allows pretenuring
// reports allocation-site decisions while it takes calls; one started with the default reports none once it
// listens (module loading, before the setting applies, may). What it saves is measured by the benchmarks.
const orderContent = (orderNumber: string) => JSON.stringify({
  orderNumber, onlineOrderId: 'o', shopName: '店铺', warehouseCode: 'USWH1', logisticsCode: 'USPS Ground', platform: 'p', freight: 1,
  receiver: { name: 'n', phone: '1', country: 'US', state: 'CA', city: 'LA', address1: 'a', postalCode: '1' },
  skuList: [{ sku: 'SKU-000001', quantity: 1, amount: 1 }],
});

async function pretenuringLinesWhileServing(setting: 'on' | undefined): Promise<number> {
  const ingress: AppProcess = startApp('ingress', {
    REDIS_URL: await isolatedRedisUrl(), PORT: '0', HOST: '127.0.0.1', SYNC_WAIT_MS: '0',
    QIANYI_ACCESS_ID: TEST_TENANT.accessId, QIANYI_SECRET_KEY: TEST_TENANT.secretKey, QIANYI_CALLBACK_BASE_URL: 'http://127.0.0.1:9',
    QIANYI_WAREHOUSE_EXTRA_TYPE: TEST_TENANT.extraType, ETOWER_BASE_URL: 'http://127.0.0.1:9', ETOWER_TOKEN: TEST_TENANT.token, ETOWER_KEY: TEST_TENANT.key,
    ...(setting ? { INGRESS_V8_PRETENURING: setting } : {}),
  }, 'main', { nodeArgs: ['--trace-pretenuring-statistics'] });
  try {
    const { url } = await ingress.listening;
    const before = ingress.output().length;
    for (let n = 0; n < 400; n++) {
      const content = orderContent(`PRETENURE-${setting ?? 'default'}-${n}`);
      const res = await fetch(`${url}/api/qianyi`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessId: TEST_TENANT.accessId, method: 'createOrder', content, sign: computeSign(TEST_TENANT.accessId, content, TEST_TENANT.secretKey) }),
      });
      expect(await res.json()).toMatchObject({ success: true });
    }
    return ingress.output().slice(before).split('\n').filter((line) => line.includes('pretenuring:')).length;
  } finally {
    await ingress.stop();
  }
}

test('by default the ingress stops V8 pretenuring once it starts; INGRESS_V8_PRETENURING=on leaves it on', async () => {
  expect(await pretenuringLinesWhileServing('on')).toBeGreaterThan(0);
  expect(await pretenuringLinesWhileServing(undefined)).toBe(0);
}, 60000);
