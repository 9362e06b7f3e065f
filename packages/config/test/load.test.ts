import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src';

const single = {
  QIANYI_ACCESS_ID: 'acc',
  QIANYI_SECRET_KEY: 'sec',
  QIANYI_CALLBACK_BASE_URL: 'https://www.qianyierp.com/',
  QIANYI_WAREHOUSE_EXTRA_TYPE: 'ETOWER',
  ETOWER_BASE_URL: 'https://cfs-qa.etowertech.com',
  ETOWER_TOKEN: 't',
  ETOWER_KEY: 'k',
};

// One directory for every tenants file of this suite, removed at the end.
const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function tenantsFile(json: unknown): string {
  const file = join(dir, `tenants-${++files}.json`);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

describe('loadConfig', () => {
  test("ETOWER_TIME_ZONE sets the single tenant's eTower time zone, checked like the tenants file's", () => {
    expect(loadConfig(single).tenants[0]!.etower.timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ ...single, ETOWER_TIME_ZONE: 'Europe/Berlin' }).tenants[0]!.etower.timeZone).toBe(
      'Europe/Berlin',
    );
    expect(() => loadConfig({ ...single, ETOWER_TIME_ZONE: 'Mars/Olympus' })).toThrow(/etower\.timeZone/);
  });

  test('the in-flight body budget must hold at least one full-size body', () => {
    expect(() => loadConfig({ ...single, MAX_BODY_BYTES: '2000000', MAX_INFLIGHT_BODY_BYTES: '1000000' })).toThrow(
      /MAX_INFLIGHT_BODY_BYTES: must be at least MAX_BODY_BYTES \(2000000\)/,
    );
  });

  test('defaults of the contract', () => {
    const { env, tenants } = loadConfig(single);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.SYNC_WAIT_MS).toBe(5000);
    expect(env.ORDER_POLL_INTERVAL_MS).toBe(300000);
    expect(env.WEBHOOK_RETRY_SCHEDULE_MS).toEqual([0, 5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000]);
    expect(env.WORKER_QUEUES).toEqual(['orders', 'asn', 'skus', 'inventory', 'webhooks']);
    expect(env.MAX_BODY_BYTES).toBe(20971520);
    expect(env.MAX_INFLIGHT_BODY_BYTES).toBe(64 * 1024 * 1024);
    expect(env.BODY_TIMEOUT_MS).toBe(30000);
    expect(env.PORT).toBe(8080);
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.INGRESS_HEAP_GROWING_PERCENT).toBe(100);
    expect(env.WORKER_HEAP_GROWING_PERCENT).toBe(50);
    expect(env.REDIS_COALESCE_WRITES).toBe(true);
    expect(env.INGRESS_V8_PRETENURING).toBe(false);
    expect(tenants).toHaveLength(1);
    expect(tenants[0]!.qianyi.callbackBaseUrl).toBe('https://www.qianyierp.com');
  });

  test('a bad value names the variable', () => {
    expect(() => loadConfig({ ...single, SYNC_WAIT_MS: 'soon' })).toThrow(/SYNC_WAIT_MS: must be a whole number/);
    expect(() => loadConfig({ ...single, WORKER_QUEUES: 'orders,emails' })).toThrow(
      /WORKER_QUEUES: unknown queue\(s\) emails/,
    );
    expect(() => loadConfig({ ...single, ETOWER_BASE_URL: 'not a url' })).toThrow(/ETOWER_BASE_URL: must be a URL/);
    expect(() => loadConfig({ ...single, WEBHOOK_RETRY_SCHEDULE_MS: '0,5s' })).toThrow(/WEBHOOK_RETRY_SCHEDULE_MS/);
    expect(() => loadConfig({ ...single, INGRESS_HEAP_GROWING_PERCENT: '-5' })).toThrow(
      /INGRESS_HEAP_GROWING_PERCENT: must be a whole number/,
    );
    expect(() => loadConfig({ ...single, WORKER_HEAP_GROWING_PERCENT: '1.5' })).toThrow(
      /WORKER_HEAP_GROWING_PERCENT: must be a whole number/,
    );
    expect(() => loadConfig({ ...single, REDIS_COALESCE_WRITES: 'yes' })).toThrow(
      /REDIS_COALESCE_WRITES: .*"on".*"off"/,
    );
    expect(() => loadConfig({ ...single, INGRESS_V8_PRETENURING: 'false' })).toThrow(
      /INGRESS_V8_PRETENURING: .*"on".*"off"/,
    );
    expect(loadConfig({ ...single, INGRESS_V8_PRETENURING: 'on' }).env.INGRESS_V8_PRETENURING).toBe(true);
  });

  test('missing single-tenant variables are listed', () => {
    const { ETOWER_KEY, QIANYI_SECRET_KEY, ...rest } = single;
    expect(() => loadConfig(rest)).toThrow(ConfigError);
    expect(() => loadConfig(rest)).toThrow(/missing configuration: QIANYI_SECRET_KEY, ETOWER_KEY/);
  });

  test('WORKER_QUEUES picks queues', () => {
    expect(loadConfig({ ...single, WORKER_QUEUES: ' orders , webhooks,orders' }).env.WORKER_QUEUES).toEqual([
      'orders',
      'webhooks',
    ]);
  });

  test('BRIDGE_TENANTS_FILE form', () => {
    const file = tenantsFile({
      tenants: [
        {
          accessId: 'a',
          secretKey: 's',
          qianyi: { callbackBaseUrl: 'https://asia.qianyierp.com', warehouseExtraType: 'X' },
          etower: { baseUrl: 'https://b2b.etowertech.com', token: 't', key: 'k' },
          orderReleaseDelayMs: 60000,
        },
        {
          accessId: 'b',
          secretKey: 's2',
          qianyi: { callbackBaseUrl: 'https://www.qianyierp.com', warehouseExtraType: 'X' },
          etower: { baseUrl: 'https://b2b.etowertech.com', token: 't', key: 'k' },
        },
      ],
    });
    const { tenants } = loadConfig({ BRIDGE_TENANTS_FILE: file });
    expect(tenants.map((t) => t.accessId)).toEqual(['a', 'b']);
    expect(tenants[0]!.orderReleaseDelayMs).toBe(60000);
    expect(tenants[1]!.orderReleaseDelayMs).toBe(0);
    expect(tenants[1]!.allowCodPassthrough).toBe(false);
  });

  test('a bad tenants file names the field', () => {
    const file = tenantsFile({
      tenants: [
        {
          accessId: 'a',
          secretKey: 's',
          qianyi: { callbackBaseUrl: 'nope', warehouseExtraType: 'X' },
          etower: { baseUrl: 'https://b2b.etowertech.com', token: 't' },
        },
      ],
    });
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: file })).toThrow(
      /tenants\.0\.qianyi\.callbackBaseUrl: must be a URL[\s\S]*tenants\.0\.etower\.key/,
    );
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile('{not json') })).toThrow(
      /BRIDGE_TENANTS_FILE: cannot read/,
    );
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: '/nonexistent/tenants.json' })).toThrow(/BRIDGE_TENANTS_FILE/);
  });

  test('eTower time zone and tracking wait: documented defaults, checked at start-up', () => {
    const t = (over: Record<string, unknown> = {}, etower: Record<string, unknown> = {}) => ({
      tenants: [
        {
          accessId: 'a',
          secretKey: 's',
          qianyi: { callbackBaseUrl: 'https://www.qianyierp.com', warehouseExtraType: 'X' },
          etower: { baseUrl: 'https://b2b.etowertech.com', token: 't', key: 'k', ...etower },
          ...over,
        },
      ],
    });
    const [defaults] = loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile(t()) }).tenants;
    expect(defaults!.etower.timeZone).toBe('Asia/Shanghai');
    expect(defaults!.trackingWaitHours).toBe(168);
    expect(loadConfig(single).tenants[0]!.etower.timeZone).toBe('Asia/Shanghai');
    const [set] = loadConfig({
      BRIDGE_TENANTS_FILE: tenantsFile(t({ trackingWaitHours: 48 }, { timeZone: 'australia/sydney' })),
    }).tenants;
    expect(set!.etower.timeZone).toBe('Australia/Sydney');
    expect(set!.trackingWaitHours).toBe(48);
    expect(
      loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile(t({}, { timeZone: 'UTC+8' })) }).tenants[0]!.etower.timeZone,
    ).toBe('+08:00');
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile(t({}, { timeZone: 'China' })) })).toThrow(
      /tenants\.0\.etower\.timeZone: must be an IANA time zone .*got "China"/,
    );
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile(t({ trackingWaitHours: 0 })) })).toThrow(
      /tenants\.0\.trackingWaitHours/,
    );
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile(t({ trackingWaitHours: 1e9 })) })).toThrow(
      /tenants\.0\.trackingWaitHours/,
    );
  });

  test('duplicate accessIds are refused', () => {
    const t = {
      accessId: 'a',
      secretKey: 's',
      qianyi: { callbackBaseUrl: 'https://www.qianyierp.com', warehouseExtraType: 'X' },
      etower: { baseUrl: 'https://b2b.etowertech.com', token: 't', key: 'k' },
    };
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: tenantsFile({ tenants: [t, t] }) })).toThrow(/listed twice/);
  });
});

test('empty strings (as Compose passes unset variables) mean the defaults', () => {
  const blank = Object.fromEntries(
    [
      'LOG_LEVEL',
      'SYNC_WAIT_MS',
      'WORKER_QUEUES',
      'WEBHOOK_RETRY_SCHEDULE_MS',
      'ASN_PUSH_QUANTITIES',
      'HOST',
      'METRICS_PORT',
      'BRIDGE_TENANTS_FILE',
      'MAX_BODY_BYTES',
      'INGRESS_HEAP_GROWING_PERCENT',
      'WORKER_HEAP_GROWING_PERCENT',
      'REDIS_COALESCE_WRITES',
      'INGRESS_V8_PRETENURING',
    ].map((k) => [k, '']),
  );
  const { env } = loadConfig({ ...single, ...blank });
  expect(env.LOG_LEVEL).toBe('info');
  expect(env.SYNC_WAIT_MS).toBe(5000);
  expect(env.ASN_PUSH_QUANTITIES).toBe('increment');
  expect(env.HOST).toBe('0.0.0.0');
  expect(env.METRICS_PORT).toBeUndefined();
  expect(env.REDIS_COALESCE_WRITES).toBe(true);
  expect(env.INGRESS_V8_PRETENURING).toBe(false);
  expect(loadConfig({ ...single, REDIS_COALESCE_WRITES: 'off' }).env.REDIS_COALESCE_WRITES).toBe(false);
});
