import { eventually, freePort, startBridge, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

// If the real eTower takes only URL-safe Base64 (a doc sample's signature has a `_`, reference §1.3), standard
// signatures with `+` or `/` (~57 % of calls) would be refused. The worker's client falls back once, remembers
// the flavour for the tenant, and counts it: every order is created, and 401s stop once it has learned.
let bridge: BridgeHarness;
let metricsUrl: string;
beforeAll(async () => {
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  // The metrics port is the worker's alone (the ingress would take it too).
  bridge = await startBridge({ sandboxEnv: { SANDBOX_SIGNATURE_FLAVOURS: 'url-safe' }, workers: 0 });
  await bridge.startWorker({ METRICS_PORT: String(port) });
});
afterAll(async () => {
  await bridge?.stop();
});

test('against an eTower that takes only URL-safe Base64, every order is created and the fallback is counted', async () => {
  const numbers = Array.from({ length: 12 }, () => orderNumber('URLSAFE'));
  for (const n of numbers) {
    const created = await bridge.call('createOrder', order(n));
    expect(created.body).toMatchObject({
      success: true,
      data: { warehouseOrderNumber: expect.stringMatching(/^C\d+O$/) },
    });
  }
  const atEtower = await etowerStats(bridge);
  for (const n of numbers) expect(atEtower.ordersCreated[n]).toBe(1);
  // The worker's scheduled jobs (catalog, inventory, polls) also call eTower from its start, so a fallback may
  // still be in flight: wait until every 401 the sandbox gave has its fallback counted.
  const { accepted, unauthorized, metrics } = await eventually(async () => {
    const text = await (await fetch(metricsUrl)).text();
    const count = Number(/bridge_etower_signature_fallbacks_total\{outcome="accepted"\} (\d+)/.exec(text)?.[1] ?? 0);
    const stats = await etowerStats(bridge);
    return count > 0 && count === stats.unauthorized
      ? { accepted: count, unauthorized: stats.unauthorized, metrics: text }
      : undefined;
  });
  // Calls signed before the flavour was learned may race, but a handful at most, never one per call (twelve
  // creates and their reads would give dozens).
  expect(accepted).toBeLessThanOrEqual(5);
  expect(unauthorized).toBe(accepted);
  expect(metrics).not.toMatch(/bridge_etower_signature_fallbacks_total\{outcome="rejected"\} [1-9]/);
});
