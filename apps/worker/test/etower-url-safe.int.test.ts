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
  // The flavour was learned: the fallback was counted, never refused, and a further dozen orders (each a create and
  // reads) meet no 401 at all. (Counting 401s against fallbacks one for one is not reliable: under load a fallback
  // can itself time out, and the worker's scheduled jobs call eTower too.)
  const metrics = await eventually(async () => {
    const text = await (await fetch(metricsUrl)).text();
    return /bridge_etower_signature_fallbacks_total\{outcome="accepted"\} [1-9]/.test(text) ? text : undefined;
  });
  expect(metrics).not.toMatch(/bridge_etower_signature_fallbacks_total\{outcome="rejected"\} [1-9]/);
  const learned = await etowerStats(bridge);
  expect(learned.unauthorized).toBeLessThanOrEqual(5);
  const more = Array.from({ length: 12 }, () => orderNumber('URLSAFE'));
  for (const n of more) expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
  const after = await etowerStats(bridge);
  for (const n of more) expect(after.ordersCreated[n]).toBe(1);
  expect(after.unauthorized).toBe(learned.unauthorized);
});
