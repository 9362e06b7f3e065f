import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createQueues, type Queues } from '@bridge/core';
import { verifySign } from '@bridge/qianyi';
import { isolatedRedisUrl } from '@bridge/testkit';
import { opsHere } from './run-ops';

// Where ops reads Redis and tenants from when the environment does not say: the run file of a running `pnpm start`
// (here written by the test, with the test's own pid as the live supervisor), and `ops call` against a real HTTP
// server that checks the signature the way the ingress does.

const TENANT = { accessId: 'run-tenant', secretKey: 'run-secret' };
let redisUrl: string;
let redis: Redis;
let queues: Queues;
let dataDir: string;
let received: Array<{ accessId: string; method: string; content: string; sign: string }> = [];
let server: Server;
let callUrl: string;

const tenantsFile = (dir: string) => {
  const path = join(dir, 'tenants.json');
  writeFileSync(
    path,
    JSON.stringify({
      tenants: [
        {
          ...TENANT,
          qianyi: { callbackBaseUrl: 'http://127.0.0.1:9', warehouseExtraType: 'X' },
          etower: { baseUrl: 'http://127.0.0.1:9', token: 't', key: 'k' },
        },
      ],
    }),
  );
  return path;
};
const writeRun = (dir: string, over: object = {}) =>
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      pid: process.pid,
      startedAt: new Date().toISOString(),
      redisUrl,
      tenantsFile: tenantsFile(dir),
      callUrl,
      ingressUrl: 'http://127.0.0.1:1',
      sandboxUrl: 'http://127.0.0.1:1',
      dashboardUrl: 'http://127.0.0.1:1',
      metrics: { ingress: 'http://127.0.0.1:1', worker: 'http://127.0.0.1:1' },
      ...over,
    }),
  );
const opsIn = (dir: string, args: string[], env: Record<string, string> = {}) =>
  opsHere(args, { BRIDGE_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queues = createQueues(redis);
  // Answers like the ingress: 200 success true for a good signature, success false naming the problem otherwise.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const call = JSON.parse(body);
      received.push(call);
      const ok = verifySign({
        accessId: call.accessId,
        content: call.content === '' ? undefined : call.content,
        sign: call.sign,
        secretKey: TENANT.secretKey,
      }).ok;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            ok ? { success: true, message: '', echo: call.method } : { success: false, message: 'sign mismatch' },
          ),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  callUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/qianyi`;
  dataDir = mkdtempSync(join(tmpdir(), 'ops-run-'));
  writeRun(dataDir);
});
afterAll(async () => {
  await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
  redis?.disconnect();
  await new Promise((r) => server?.close(r));
});
beforeEach(() => {
  received = [];
});

describe('a running pnpm start', () => {
  it('gives ops its Redis and its tenants with no flags, and ops says where they came from', async () => {
    const result = await opsIn(dataDir, ['--json', 'refresh', 'catalog']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `ops: Redis ${redisUrl}, from the running pnpm start (pid ${process.pid}, ${join(dataDir, 'run.json')})`,
    );
    expect(result.stderr).toContain(
      `ops: tenant ${TENANT.accessId}, from the tenants file of the running pnpm start (${join(dataDir, 'tenants.json')})`,
    );
    // --tenant defaulted to the one configured tenant, in the run's Redis.
    const [added] = JSON.parse(result.stdout).jobs;
    expect(await queues.inventory.getJob(added.id)).toMatchObject({
      name: 'refreshCatalog',
      data: { tenant: TENANT.accessId },
    });
  });

  it('is not used when its supervisor has stopped: ops says so and falls back to the default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-stale-'));
    const exited = spawn(process.execPath, ['-e', '']);
    const pid = exited.pid!;
    await new Promise((r) => exited.on('exit', r));
    writeRun(dir, { pid });
    // Whether a Redis answers at the default address on this machine is not the point: what ops says it read is.
    const result = await opsIn(dir, ['counts']);
    expect(result.stderr).toContain(
      `ops: Redis redis://127.0.0.1:6379, from the default: set REDIS_URL, or run pnpm start; ${join(dir, 'run.json')} is from pnpm start pid ${pid}, which is not running`,
    );
  });

  it("gives no tenants when REDIS_URL names another Redis (they belong with the run's Redis)", async () => {
    const result = await opsIn(dataDir, ['refresh', 'catalog'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ops: no tenant configured');
  });
});

describe('ops call', () => {
  it('signs as the only tenant and sends to the running pnpm start, printing the answer', async () => {
    const result = await opsIn(dataDir, ['call', 'getOrder', '{"orderNumber":"SO-1"}']);
    expect(result.code).toBe(0);
    expect(received).toEqual([
      expect.objectContaining({ accessId: TENANT.accessId, method: 'getOrder', content: '{"orderNumber":"SO-1"}' }),
    ]);
    expect(result.stdout).toMatch(/^HTTP 200\n\{\n {2}"success": true/);
    expect(result.stderr).toContain(`ops: POST ${callUrl}, from the running pnpm start (pid ${process.pid})`);
  });

  it('sends no content for warehouses, reads @file as is, and takes --url and --json', async () => {
    expect((await opsIn(dataDir, ['call', 'warehouses'])).code).toBe(0);
    const file = join(dataDir, 'order.json');
    writeFileSync(file, '{"orderNumber":"中文-1",  "x":[1,2]}');
    const viaFile = await opsIn(dataDir, ['--json', 'call', 'createOrder', `@${file}`, '--url', callUrl]);
    expect(viaFile.code).toBe(0);
    expect(JSON.parse(viaFile.stdout)).toEqual({
      url: callUrl,
      tenant: TENANT.accessId,
      method: 'createOrder',
      status: 200,
      answer: { success: true, message: '', echo: 'createOrder' },
    });
    expect(received.map((r) => r.content)).toEqual(['', '{"orderNumber":"中文-1",  "x":[1,2]}']);
  });

  it('exits 1 when the answer is not a success, and when nothing answers', async () => {
    const wrongSecret = join(dataDir, 'wrong-tenants.json');
    writeFileSync(
      wrongSecret,
      JSON.stringify({
        tenants: [
          {
            accessId: TENANT.accessId,
            secretKey: 'not-the-secret',
            qianyi: { callbackBaseUrl: 'http://127.0.0.1:9', warehouseExtraType: 'X' },
            etower: { baseUrl: 'http://127.0.0.1:9', token: 't', key: 'k' },
          },
        ],
      }),
    );
    const refused = await opsIn(dataDir, ['call', 'warehouses'], { BRIDGE_TENANTS_FILE: wrongSecret });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('(not a success)');
    expect(refused.stdout).toContain('sign mismatch');
    const down = await opsIn(dataDir, ['call', 'warehouses', '--url', 'http://127.0.0.1:1/api/qianyi']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('no answer from http://127.0.0.1:1/api/qianyi: ECONNREFUSED');
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses wrong usage before sending anything (exit 2)', async () => {
    const notJson = await opsIn(dataDir, ['call', 'getOrder', '{orderNumber: SO-1}']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('the content is not JSON');
    const noFile = await opsIn(dataDir, ['call', 'getOrder', '@/nonexistent/x.json']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('cannot read /nonexistent/x.json');
    expect((await opsIn(dataDir, ['call', 'deleteEverything'])).code).toBe(2);
    const unknownTenant = await opsIn(dataDir, ['call', 'warehouses', '--tenant', 'nobody']);
    expect(unknownTenant.code).toBe(2);
    expect(unknownTenant.stderr).toContain(`tenant nobody is not configured (configured: ${TENANT.accessId})`);
    expect(received).toEqual([]);
  });
});
