import { computeSign } from '../packages/qianyi/src/index';
import { TEST_TENANT, type BridgeHarness } from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count, zero } from './lib/figures';
import { asn, etowerStats, order, pushesByDocument, startFullBridge } from './lib/fixtures';
import { waitUntil } from './lib/pool';
import { SCALE } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// The same call many times at once (Qianyi retrying, a proxy duplicating), and a captured signed request replayed
// byte for byte (the envelope has no nonce, so replay protection is idempotency). Orders are held as eTower drafts
// for a minute, so a cancel can still stop them.
const SCENARIO = 'Duplicate storms and replayed requests';
const FILE = 'reliability/storms.rel.test.ts';
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startFullBridge({ workers: 2, tenant: { orderReleaseDelayMs: 60000 } });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
});

const storm = (n: number, fn: () => Promise<{ status: number; body: any }>) =>
  Promise.all(Array.from({ length: n }, fn));
const notOk = (answers: Array<{ status: number; body: any }>) =>
  answers.filter((a) => a.status !== 200 || a.body.success !== true).length;

/** The exact bytes a signed call sends, posted again and again. */
function signedBody(method: string, content: object): string {
  const text = JSON.stringify(content);
  return JSON.stringify({
    accessId: TEST_TENANT.accessId,
    method,
    content: text,
    sign: computeSign(TEST_TENANT.accessId, text, TEST_TENANT.secretKey),
  });
}
const postRaw = (body: string) =>
  fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

test(`${SCALE.storm} concurrent copies of createOrder, createAsnOrder and cancelOrder; a signed request replayed 10 times`, async () => {
  const o = orderNumber('STORM');
  const created = await storm(SCALE.storm, () => bridge.call('createOrder', order(o)));
  const a = orderNumber('STORMASN');
  const asnAnswers = await storm(SCALE.storm, () => bridge.call('createAsnOrder', asn(a)));
  await waitUntil(async () => (await etowerStats(bridge)).posCreated[a] === 1, 20000);

  const c = orderNumber('STORMC');
  expect((await bridge.call('createOrder', order(c))).body.success).toBe(true);
  const cancels = await storm(SCALE.storm, () => bridge.call('cancelOrder', { orderNumber: c }));

  const r = orderNumber('REPLAY');
  const createBytes = signedBody('createOrder', order(r));
  const replays = await Promise.all(Array.from({ length: 10 }, () => postRaw(createBytes)));
  const cancelBytes = signedBody('cancelOrder', { orderNumber: r });
  const cancelReplays = [];
  for (let i = 0; i < 10; i++) cancelReplays.push(await postRaw(cancelBytes));
  const replayedAgain = await postRaw(createBytes);

  await waitUntil(async () => (await pushesByDocument(bridge)).get(c)?.at(-1)?.content.status === 'CANCEL', 20000);
  const s = await etowerStats(bridge);
  const pushes = await pushesByDocument(bridge);
  const numbers = new Set(created.map((x) => x.body.data?.warehouseOrderNumber).filter(Boolean));
  const stateOf = async (n: string) => (await bridge.call('getOrder', { orderNumber: n })).body.data;
  report(SCENARIO, FILE, [
    count('createOrder copies', created.length),
    zero('createOrder copies not answered success:true', notOk(created)),
    zero('createOrder: orders at eTower beyond one', Math.abs((s.ordersCreated[o] ?? 0) - 1)),
    zero('createOrder: distinct warehouseOrderNumbers answered beyond one', Math.max(0, numbers.size - 1)),
    count('createAsnOrder copies', asnAnswers.length),
    zero('createAsnOrder copies not answered success:true', notOk(asnAnswers)),
    zero('createAsnOrder: inbound orders at eTower beyond one', Math.abs((s.posCreated[a] ?? 0) - 1)),
    count('cancelOrder copies', cancels.length),
    zero('cancelOrder copies not answered success:true', notOk(cancels)),
    zero('cancelled order released to the warehouse', s.confirmations[c] ?? 0),
    zero('cancelled order not CANCEL', (await stateOf(c))?.status === 'CANCEL' ? 0 : 1),
    zero(
      'CANCEL pushes beyond one',
      Math.abs((pushes.get(c) ?? []).filter((p) => p.content.status === 'CANCEL').length - 1),
    ),
    count('signed createOrder replayed', replays.length + 1),
    zero('replayed createOrder: orders at eTower beyond one', Math.abs((s.ordersCreated[r] ?? 0) - 1)),
    count('signed cancelOrder replayed', cancelReplays.length),
    zero(
      'replayed cancelOrder answers that differ',
      new Set(cancelReplays.map((x) => JSON.stringify(x.body))).size - 1,
    ),
    zero(
      'replayed createOrder after the cancel recreated the order',
      replayedAgain.body.success === false && (await stateOf(r))?.status === 'CANCEL' ? 0 : 1,
    ),
  ]);
});
