import { freePort, startBridge, type BridgeHarness } from '@bridge/testkit';

let bridge: BridgeHarness;
let workerMetrics: string;
let ingressMetrics: string;
beforeAll(async () => {
  const [workerPort, ingressPort] = [await freePort(), await freePort()];
  bridge = await startBridge({
    bridgeEnv: { METRICS_PORT: String(workerPort) },
    ingressEnv: { METRICS_PORT: String(ingressPort) },
  });
  workerMetrics = `http://127.0.0.1:${workerPort}`;
  ingressMetrics = `http://127.0.0.1:${ingressPort}`;
});
afterAll(async () => {
  await bridge?.stop();
});

const text = (url: string) => fetch(url).then((r) => r.text());
const value = (metrics: string, line: RegExp) =>
  Number(
    metrics
      .split('\n')
      .find((l) => line.test(l))
      ?.split(' ')
      .pop() ?? NaN,
  );

test('metrics count a request, a job and an eTower call', async () => {
  expect((await bridge.call('channels', '')).body.success).toBe(true);
  await bridge.call('getOrder', { orderNumber: 'NOPE' });
  await bridge.call('channels', '', { secretKey: 'wrong' });
  await bridge.call('channels', '', { accessId: 'stranger' });

  const ingress = await text(`${ingressMetrics}/metrics`);
  expect(value(ingress, /^bridge_ingress_requests_total\{method="channels",outcome="success"\}/)).toBe(1);
  expect(value(ingress, /^bridge_ingress_requests_total\{method="getOrder",outcome="refused"\}/)).toBe(1);
  expect(value(ingress, /^bridge_ingress_requests_total\{method="channels",outcome="unauthorized"\}/)).toBe(2);
  expect(value(ingress, /^bridge_ingress_signature_failures_total /)).toBe(1);
  expect(value(ingress, /^bridge_ingress_auth_failures_total\{reason="wrong_sign"\}/)).toBe(1);
  expect(value(ingress, /^bridge_ingress_auth_failures_total\{reason="unknown_access_id"\}/)).toBe(1);
  expect(value(ingress, /^bridge_ingress_sign_candidate_total\{candidate="empty-content"\}/)).toBe(1);
  expect(value(ingress, /^bridge_ingress_request_duration_seconds_count\{method="channels"\}/)).toBe(3);

  const worker = await text(`${workerMetrics}/metrics`);
  expect(
    value(worker, /^bridge_jobs_total\{queue="inventory",job="refreshCatalog",outcome="completed"\}/),
  ).toBeGreaterThanOrEqual(1);
  expect(
    value(worker, /^bridge_etower_calls_total\{endpoint="\/v1\/b2c\/warehouseServiceList",outcome="ok"\}/),
  ).toBeGreaterThanOrEqual(1);
  expect(worker).toMatch(/^bridge_queue_jobs\{queue="orders",state="waiting"\} \d+/m);
  expect(value(worker, /^bridge_catalog_age_seconds\{tenant="test-access-id"\}/)).toBeLessThan(60);
});

test('with METRICS_PORT set, the ingress serves /metrics there and not on the public port', async () => {
  expect((await fetch(`${ingressMetrics}/metrics`)).status).toBe(200);
  const onPublic = await fetch(`${bridge.ingressUrl}/metrics`);
  expect(onPublic.status).toBe(404);
  expect(await onPublic.text()).not.toContain('bridge_ingress_');
});

test('worker health and readiness on METRICS_PORT', async () => {
  expect((await fetch(`${workerMetrics}/healthz`)).status).toBe(200);
  const ready = await fetch(`${workerMetrics}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ok: true, redis: 'ready', consuming: true });
});
