import { computeSign } from '@bridge/qianyi';
import { eventually, jobCounts, startBridge, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';
import { minimalOrder } from './minimal-order';

// SIGTERM while a call is waiting for its job (no worker runs, SYNC_WAIT_MS is long): the ingress stops taking
// new connections, answers the call in flight, closes Redis and exits 0.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ workers: 0, bridgeEnv: { SYNC_WAIT_MS: '2000' } });
});
afterAll(async () => {
  await bridge?.stop();
});

test('SIGTERM mid-call: the call is answered, then the ingress exits 0', async () => {
  const content = JSON.stringify(minimalOrder('SHUT-1'));
  const pending = fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      accessId: TEST_TENANT.accessId,
      method: 'createOrder',
      content,
      sign: computeSign(TEST_TENANT.accessId, content, TEST_TENANT.secretKey),
    }),
  });
  // The call is in flight once its job exists (the ingress then waits for it, and no worker runs).
  await eventually(async () => (await jobCounts(bridge.redisUrl)).orders === 1);
  bridge.ingress.child.kill('SIGTERM');
  const res = await pending;
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ success: true, message: expect.stringContaining('accepted') });
  expect(await bridge.ingress.exited).toBe(0);
  expect(bridge.ingress.output()).toMatch(/"msg":"stopped"/);
});
