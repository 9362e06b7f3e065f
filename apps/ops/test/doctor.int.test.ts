import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/start';
import { opsHere } from './run-ops';

// `ops doctor` (run in this process) against the sandbox as eTower and as Qianyi, with the sandbox playing what first
// contact with a real eTower can bring: a wrong key, a skewed clock, URL-safe signatures, odd answer shapes.

const TOKEN = 'doctor-token';
const KEY = 'doctor-key';
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ etower: { token: TOKEN, key: KEY, skuCount: 250 } });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await control('POST', '/reset');
});

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/__control/etower${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

const tenantEnv = (over: Record<string, string> = {}) => ({
  QIANYI_ACCESS_ID: 'doctor-tenant',
  QIANYI_SECRET_KEY: 'qianyi-secret',
  QIANYI_CALLBACK_BASE_URL: sandbox.url,
  QIANYI_WAREHOUSE_EXTRA_TYPE: 'ETOWER',
  ETOWER_BASE_URL: sandbox.url,
  ETOWER_TOKEN: TOKEN,
  ETOWER_KEY: KEY,
  ETOWER_TIMEOUT_MS: '5000',
  LOG_LEVEL: 'silent',
  ...over,
});

interface Report {
  tenant: string;
  ok: boolean;
  checks: Array<{ check: string; status: string; detail: string }>;
}
async function doctor(env: Record<string, string> = tenantEnv(), ...args: string[]) {
  const result = await opsHere(['--json', 'doctor', ...args], env);
  const report = result.stdout ? (JSON.parse(result.stdout) as Report) : undefined;
  const byCheck = Object.fromEntries((report?.checks ?? []).map((c) => [c.check, c]));
  return { ...result, report, byCheck };
}

const CHECKS = [
  'etower reachable',
  'clock skew',
  'credentials',
  'warehouseServiceList',
  'inventory page 1',
  'orderList (unknown referenceNo)',
  'qianyi callback host',
];

it('a healthy configuration: every check ok, exit 0, one line per check', async () => {
  const { code, report, byCheck } = await doctor();
  expect(code).toBe(0);
  expect(report).toMatchObject({ tenant: 'doctor-tenant', ok: true });
  expect(report!.checks.map((c) => [c.check, c.status])).toEqual(CHECKS.map((c) => [c, 'ok']));
  expect(byCheck['etower reachable']!.detail).toMatch(/^HTTP 401 from /);
  expect(byCheck['clock skew']!.detail).toMatch(/eTower's clock is \d+ s (ahead of|behind) this host's/);
  expect(byCheck.credentials!.detail).toMatch(/standard Base64/);
  expect(byCheck.warehouseServiceList!.detail).toBe(
    '3 warehouse(s), 2 with active fulfillment services (3 in all): USWH1 (2), DEWH1 (1)',
  );
  expect(byCheck['inventory page 1']!.detail).toMatch(
    /^a page of 100 SKU\(s\) \(pageSize 100, 3 page\(s\)\), total 250$/,
  );
  expect(byCheck['orderList (unknown referenceNo)']!.detail).toMatch(/^no order for DOCTOR-[0-9a-f]{12}, as expected$/);
  expect(byCheck['qianyi callback host']!.detail).toMatch(/no push sent/);
  // Read-only: nothing created at eTower, nothing pushed to Qianyi.
  const stats = (await control('GET', '/stats')) as {
    ordersCreated: object;
    productsCreated: object;
    posCreated: object;
  };
  expect(stats).toMatchObject({ ordersCreated: {}, productsCreated: {}, posCreated: {} });
  const pushes = await (await fetch(`${sandbox.url}/__control/qianyi/pushes`)).json();
  expect(pushes).toEqual([]);

  const text = await opsHere(['doctor'], tenantEnv());
  expect(text.code).toBe(0);
  const lines = text.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(CHECKS.length);
  for (const [i, line] of lines.entries()) {
    expect(line).toMatch(new RegExp(`^ok {4}${CHECKS[i]!.replace(/[()]/g, '\\$&')} +\\S`));
  }
});

it('an eTower that takes only URL-safe Base64: credentials ok, and the flavour is named', async () => {
  await control('POST', '/auth', { signatureFlavours: ['url-safe'] });
  const { code, byCheck } = await doctor();
  expect(code).toBe(0);
  expect(byCheck.credentials).toMatchObject({ status: 'ok', detail: expect.stringMatching(/URL-safe Base64 only/) });
  expect(byCheck['inventory page 1']!.status).toBe('ok');
});

it('a wrong key: credentials fail, what needs them is skipped, exit 1', async () => {
  const { code, report, byCheck } = await doctor(tenantEnv({ ETOWER_KEY: 'not-the-key' }));
  expect(code).toBe(1);
  expect(report!.ok).toBe(false);
  expect(byCheck.credentials).toMatchObject({
    status: 'fail',
    detail: expect.stringMatching(
      /401: check ETOWER_TOKEN \/ ETOWER_KEY \(refused in both Base64 flavours\); eTower said: .*signature mismatch/,
    ),
  });
  for (const c of ['warehouseServiceList', 'inventory page 1', 'orderList (unknown referenceNo)'])
    expect(byCheck[c]!.status).toBe('skip');
  expect(byCheck['clock skew']!.status).toBe('ok');
  expect(byCheck['qianyi callback host']!.status).toBe('ok');
});

it("eTower's clock 20 minutes off: clock skew fails and is named as the likely cause of the 401", async () => {
  await control('POST', '/auth', { clockOffsetMs: 20 * 60_000 });
  const { code, byCheck } = await doctor();
  expect(code).toBe(1);
  expect(byCheck['clock skew']).toMatchObject({
    status: 'fail',
    detail: expect.stringMatching(/^eTower's clock is 1[12]\d\d s ahead of this host's .*sync this host with NTP/),
  });
  expect(byCheck.credentials).toMatchObject({
    status: 'fail',
    detail: expect.stringMatching(/the clock skew above is the likely cause/),
  });
});

it('three minutes off: a warning, not a failure', async () => {
  await control('POST', '/auth', { clockOffsetMs: -3 * 60_000 });
  const { code, byCheck } = await doctor();
  expect(code).toBe(0);
  expect(byCheck['clock skew']).toMatchObject({
    status: 'warn',
    detail: expect.stringMatching(/^eTower's clock is 1[78]\d s behind this host's/),
  });
  expect(byCheck.credentials!.status).toBe('ok');
});

it('inventory rows under another key than list: the inventory check fails and says where they are', async () => {
  await control('POST', '/faults', { endpoint: 'inventory', mode: 'renamed-rows', rowsKey: 'rows' });
  const { code, byCheck } = await doctor();
  expect(code).toBe(1);
  expect(byCheck['inventory page 1']).toMatchObject({
    status: 'fail',
    detail: expect.stringMatching(/the records are under "rows", not "list"/),
  });
  expect(byCheck['orderList (unknown referenceNo)']!.status).toBe('ok');
});

it('eTower answering 500 to orderList: that check fails with the status', async () => {
  await control('POST', '/faults', { endpoint: 'orderList', mode: 'http500' });
  const { code, byCheck } = await doctor();
  expect(code).toBe(1);
  expect(byCheck['orderList (unknown referenceNo)']).toMatchObject({
    status: 'fail',
    detail: expect.stringMatching(/HTTP 500/),
  });
});

it('eTower and Qianyi unreachable: each fails with the reason, the rest is skipped', async () => {
  const { code, byCheck } = await doctor(
    tenantEnv({ ETOWER_BASE_URL: 'http://127.0.0.1:1', QIANYI_CALLBACK_BASE_URL: 'http://127.0.0.1:1/qianyi' }),
  );
  expect(code).toBe(1);
  expect(byCheck['etower reachable']).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ECONNREFUSED/) });
  for (const c of [
    'clock skew',
    'credentials',
    'warehouseServiceList',
    'inventory page 1',
    'orderList (unknown referenceNo)',
  ])
    expect(byCheck[c]!.status).toBe('skip');
  expect(byCheck['qianyi callback host']).toMatchObject({
    status: 'fail',
    detail: expect.stringMatching(/^no answer from http:\/\/127\.0\.0\.1:1\/qianyi\/: .*ECONNREFUSED/),
  });
});

describe('which tenant', () => {
  const file = (accessIds: string[]) => {
    const path = join(mkdtempSync(join(tmpdir(), 'doctor-')), 'tenants.json');
    writeFileSync(
      path,
      JSON.stringify({
        tenants: accessIds.map((accessId) => ({
          accessId,
          secretKey: 's',
          qianyi: { callbackBaseUrl: sandbox.url, warehouseExtraType: 'ETOWER' },
          etower: { baseUrl: sandbox.url, token: TOKEN, key: KEY },
        })),
      }),
    );
    return { BRIDGE_TENANTS_FILE: path, LOG_LEVEL: 'silent' };
  };

  it('with several tenants, --tenant is required and must be one of them', async () => {
    const env = file(['shop-a', 'shop-b']);
    const none = await opsHere(['doctor'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('2 tenants configured: pass --tenant <accessId> (shop-a, shop-b)');
    const unknown = await opsHere(['doctor', '--tenant', 'shop-c'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('tenant shop-c is not configured');
    const chosen = await doctor(env, '--tenant', 'shop-b');
    expect(chosen.code).toBe(0);
    expect(chosen.report!.tenant).toBe('shop-b');
  });

  it('with none configured it says how to configure one', async () => {
    const result = await opsHere(['doctor'], { LOG_LEVEL: 'silent' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no tenant configured');
  });
});
