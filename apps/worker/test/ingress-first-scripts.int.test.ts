import { startBridge, type BridgeHarness } from '@bridge/testkit';
import { order, orderNumber } from './order-fixtures';

// The first cancels are the first calls that run the push outbox's script; arriving together with other calls,
// they once crashed the ingress (its connection batched commands then, and a script defined on it while a batch
// was open was missing from the batch). It no longer batches, but many first calls at once must still work.
// No worker: the orders stay `received`, so every cancel succeeds and pushes.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ workers: 0, bridgeEnv: { SYNC_WAIT_MS: '0' } });
});
afterAll(async () => {
  await bridge?.stop();
});

test('the first cancels of a fresh ingress, amid other calls, are all answered and the ingress stays up', async () => {
  const numbers = Array.from({ length: 20 }, () => orderNumber('FIRST'));
  for (const n of numbers) expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
  const answers = await Promise.all(
    numbers.flatMap((n) => [
      bridge.call('cancelOrder', { orderNumber: n }),
      bridge.call('getOrder', { orderNumber: n }),
    ]),
  );
  for (const a of answers) expect(a.body.success).toBe(true);
  for (const n of numbers) expect((await bridge.call('getOrder', { orderNumber: n })).body.data.status).toBe('CANCEL');
  expect((await fetch(`${bridge.ingressUrl}/healthz`)).status).toBe(200);
}, 20000);
