import { Redis } from 'ioredis';
import { claimPending, productLeaseMs } from '@bridge/core';
import {
  eventually,
  productContent,
  startBridge,
  TEST_PRODUCT_DEFAULTS,
  TEST_TENANT,
  type BridgeHarness,
} from '@bridge/testkit';

// A drain that dies holding a claim on pending products (SIGKILL mid-batch) leaves them leased; the next drain
// finds nothing it may take and must come back when the lease ends, not wait for the minute's sweep.
const productDefaults = TEST_PRODUCT_DEFAULTS;
const ETOWER_TIMEOUT_MS = 1000;
let bridge: BridgeHarness;
let redis: Redis;
beforeAll(async () => {
  bridge = await startBridge({
    workers: 0,
    tenant: { productDefaults },
    bridgeEnv: { ETOWER_TIMEOUT_MS: String(ETOWER_TIMEOUT_MS) },
  });
  redis = new Redis(bridge.redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await bridge?.stop();
});

test('products claimed by a drain that died are created once its lease ends, well before the sweep', async () => {
  const answer = await bridge.call('insert_sku_info', productContent('LEASED-1'));
  expect(answer.body.success).toBe(true);
  // The dead drain: it claimed the product for a lease and never finished it.
  const leaseMs = productLeaseMs(ETOWER_TIMEOUT_MS);
  const claimedAt = Date.now();
  expect(await claimPending(redis, TEST_TENANT.accessId, 30, leaseMs)).toEqual(['LEASED-1']);

  // A worker starts: its drains (the queued one, the sweep's first) find the product held.
  await bridge.startWorker();
  const created = async () => Boolean((await bridge.control('/__control/etower/stats')).productsCreated['LEASED-1']);
  // "Not before the lease ends" has no event to await: this one wait is for the lease's own clock.
  await new Promise((r) => setTimeout(r, leaseMs - (Date.now() - claimedAt) - 500));
  expect(await created()).toBe(false);
  // The sweep comes a minute apart; the drain scheduled for the lease's end takes it within seconds of it (the
  // bound of this wait, counted from just before the lease's end).
  await eventually(created, 10000);
  expect((await bridge.control('/__control/etower/stats')).productAttempts['LEASED-1']).toBe(1);
}, 60000);
