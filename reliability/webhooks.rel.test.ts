import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { repoRoot, type BridgeHarness } from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count, zero } from './lib/figures';
import { order, outOfOrder, pushesByDocument, startFullBridge } from './lib/fixtures';
import { pool, sleep, waitUntil } from './lib/pool';
import { SCALE } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// Qianyi's webhook endpoint down for longer than the first retries, answering success:false, answering slowly,
// and down for longer than the whole (short) retry schedule. Every order's final state must arrive, newest last,
// and the exhausted pushes must be delivered by the ops CLI's replay.
const SCENARIO = 'Qianyi webhook endpoint misbehaving';
const FILE = 'reliability/webhooks.rel.test.ts';
let bridge: BridgeHarness;
// Six attempts over about 7 s: "longer than the first retries" is 3 s, "exhausted" is anything over 7 s.
beforeAll(async () => {
  bridge = await startFullBridge({
    bridgeEnv: { SYNC_WAIT_MS: '0', WEBHOOK_RETRY_SCHEDULE_MS: '0,200,500,1000,2000,3000' },
  });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
});

const qianyiFault = (body?: object) =>
  bridge.control('/__control/qianyi/faults', body ? { body } : { method: 'DELETE' });
const shipped = async (numbers: string[]) =>
  waitUntil(
    async () =>
      (await pool(numbers, 20, (n) => bridge.call('getOrder', { orderNumber: n }))).every(
        (r) => r.body.data?.status === 'SUCCESS',
      ),
    30000,
    300,
  );
const sendOrders = async (prefix: string) => {
  const numbers = Array.from({ length: SCALE.webhookOrders }, () => orderNumber(prefix));
  await pool(numbers, 10, (n) => bridge.call('createOrder', order(n)));
  return numbers;
};
const finalArrived = async (numbers: string[]) => {
  const pushes = await pushesByDocument(bridge);
  return numbers.filter((n) => pushes.get(n)?.at(-1)?.content.status === 'SUCCESS');
};

function runOps(args: string[]): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, ...bridge.bridgeEnv };
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(repoRoot, 'apps/ops/dist/main.js'), ...args],
      { env, timeout: 30000 },
      (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
    ),
  );
}

test('down, success:false, slow, exhausted and replayed: every final state arrives, newest last', async () => {
  const modes: Record<string, string[]> = {};
  // Down for 3 s (the first four attempts fail), then back.
  await qianyiFault({ mode: 'down' });
  modes.down = await sendOrders('WHDOWN');
  await sleep(3000);
  await qianyiFault();
  // Refusing with success:false for a while.
  await qianyiFault({ mode: 'success-false', count: SCALE.webhookOrders * 3 });
  modes.refusing = await sendOrders('WHFALSE');
  // Slow: each answer takes 1.5 s.
  await shipped(modes.refusing);
  await qianyiFault({ mode: 'slow', delayMs: 1500 });
  modes.slow = await sendOrders('WHSLOW');
  await shipped(modes.slow);
  await waitUntil(async () => (await finalArrived(modes.slow!)).length === modes.slow!.length, 60000, 1000);
  await qianyiFault();
  const recovered = [...modes.down!, ...modes.refusing!, ...modes.slow!];
  await waitUntil(async () => (await finalArrived(recovered)).length === recovered.length, 60000, 500);
  const afterRecovery = await finalArrived(recovered);

  // Down for longer than the whole schedule: the pushes exhaust, then the operator replays them.
  await qianyiFault({ mode: 'down' });
  modes.exhausted = await sendOrders('WHEXH');
  await shipped(modes.exhausted);
  const webhooks = new Queue('webhooks', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  const exhaustedJobs = async () =>
    (await webhooks.getFailed()).filter((j) => modes.exhausted!.includes(j.data.orderNumber));
  await waitUntil(
    async () => new Set((await exhaustedJobs()).map((j) => j.data.orderNumber)).size === modes.exhausted!.length,
    60000,
    1000,
  );
  const exhausted = (await exhaustedJobs()).length;
  await webhooks.close();
  await qianyiFault();
  const replay = await runOps(['--json', 'replay', 'webhooks', '--all']);
  await waitUntil(async () => (await finalArrived(modes.exhausted!)).length === modes.exhausted!.length, 30000, 500);

  const all = Object.values(modes).flat();
  const pushes = await pushesByDocument(bridge);
  const arrived = await finalArrived(all);
  const rejected = await bridge.control<unknown[]>('/__control/qianyi/rejected');
  report(SCENARIO, FILE, [
    count('orders sent (down / success:false / slow / exhausted)', all.length),
    count('push attempts refused by the endpoint (503 or success:false)', rejected.length),
    count(
      'pushes delivered',
      all.reduce((n, o) => n + (pushes.get(o)?.length ?? 0), 0),
    ),
    zero('final states not delivered after recovery', recovered.length - afterRecovery.length),
    count('pushes exhausted (failed set)', exhausted),
    zero('ops replay exit code', replay.code),
    zero('final states not delivered after the replay', all.length - arrived.length),
    zero('orders with pushes out of order', all.filter((n) => outOfOrder(pushes.get(n) ?? [])).length),
  ]);
  expect(exhausted).toBeGreaterThan(0);
});
