import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, startApp, type AppProcess, type BridgeHarness } from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count } from './lib/figures';
import { ownPackageOrder, startFullBridge } from './lib/fixtures';
import { pool, waitUntil } from './lib/pool';
import { report, reportSecrets } from './lib/scenario';
import { DASHBOARD_PASSWORD } from './lib/secrets';

// The paths where a secret or a label is most likely to be written down, at debug level: self-shipped orders
// created, refused and failing against eTower, the dashboard with wrong and right passwords and its job views,
// and the ops CLI. Every log and every job is then searched (every other scenario runs the same scan).
const SCENARIO = 'Secrets and label data';
const FILE = 'reliability/secrets.rel.test.ts';
let bridge: BridgeHarness;
let dashboard: AppProcess;
const ops: AppProcess[] = [];
beforeAll(async () => {
  bridge = await startFullBridge({ bridgeEnv: { LOG_LEVEL: 'debug', SYNC_WAIT_MS: '2000' } });
  dashboard = startApp('dashboard', {
    ...bridge.bridgeEnv,
    DASHBOARD_PORT: '0',
    DASHBOARD_USER: 'ops',
    DASHBOARD_PASSWORD,
  });
  await dashboard.listening;
});
afterAll(async () => {
  if (bridge)
    await reportSecrets(SCENARIO, FILE, bridge, [dashboard, ...ops]).finally(async () => {
      await dashboard?.stop();
      await bridge.stop();
    });
});

function runOps(args: string[]): Promise<void> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(repoRoot, 'apps/ops/dist/main.js'), ...args],
      { env: { ...process.env, ...bridge.bridgeEnv, LOG_LEVEL: 'debug' }, timeout: 30000 },
      (_err, stdout, stderr) => {
        ops.push({ output: () => stdout + stderr } as AppProcess);
        resolve();
      },
    ),
  );
}

test('labels and secrets through orders, failures, the dashboard and the ops CLI', async () => {
  await bridge.control('/__control/etower/faults', { body: { endpoint: 'createOrders', mode: 'http500', count: 3 } });
  const good = Array.from({ length: 10 }, () => orderNumber('SECRET'));
  const refused = Array.from({ length: 3 }, () => orderNumber('SECRETX'));
  await pool(
    [
      ...good.map((n) => ownPackageOrder(n)),
      ...refused.map((n) => ({ ...ownPackageOrder(n), logisticsCode: 'Pigeon Post' })),
    ],
    5,
    (o) => bridge.call('createOrder', o),
  );
  await waitUntil(
    async () =>
      (await bridge.call('getOrder', { orderNumber: good.at(-1)! })).body.data?.warehouseOrderNumber !== undefined,
    20000,
  );

  const url = (await dashboard.listening).url;
  const auth = (pw: string) => ({ authorization: `Basic ${Buffer.from(`ops:${pw}`).toString('base64')}` });
  const pages = [
    await fetch(url, { headers: auth('wrong-password') }),
    await fetch(url, { headers: auth(DASHBOARD_PASSWORD) }),
    await fetch(`${url}/api/queues?activeQueue=orders&status=completed&page=1`, { headers: auth(DASHBOARD_PASSWORD) }),
    await fetch(`${url}/api/queues?activeQueue=orders&status=failed&page=1`, { headers: auth(DASHBOARD_PASSWORD) }),
  ];
  const bodies = await Promise.all(pages.map((p) => p.text()));
  ops.push({ output: () => bodies.join('\n') } as AppProcess); // what the dashboard shows is searched like a log
  for (const n of [...good.slice(0, 2), refused[0]!]) await runOps(['--json', 'order', n]);
  await runOps(['--json', 'failed', 'orders']);

  report(SCENARIO, FILE, [
    count('self-shipped orders sent (created / refused)', good.length + refused.length),
    count('dashboard pages read', pages.length),
    count('ops CLI runs', 4),
  ]);
  expect(pages[0]!.status).toBe(401);
});
