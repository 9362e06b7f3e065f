import { Redis } from 'ioredis';
import {
  AsnStore,
  OrderStore,
  createAsnJobId,
  createQueues,
  enqueue,
  jobId,
  orderPushJobId,
  type Queues,
} from '@bridge/core';
import { eventually, isolatedRedisUrl } from '@bridge/testkit';
import { failJobs, opsHere, opsProcess } from './run-ops';

// Each command against a real Redis, with state written through the core APIs: run in this process (runOps),
// with the built CLI run as an operator runs it only for the end-to-end path (process exit code, stdout, stderr).

const TENANT = 'ops-tenant';
let redisUrl: string;
let redis: Redis;
let queues: Queues;
const env = () => ({ REDIS_URL: redisUrl, LOG_LEVEL: 'silent' });
const ops = (...args: string[]) => opsHere(args, env());

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queues = createQueues(redis);
});

afterAll(async () => {
  await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
  redis?.disconnect();
});

describe('order', () => {
  beforeAll(async () => {
    const store = new OrderStore(redis);
    await store.transition(TENANT, 'SO-OPS-1', {
      from: 'absent',
      patch: { phase: 'received', status: 'SENDING', wmsStatus: 'RECEIVED', warehouseCode: 'USWH1' },
      notify: false,
      open: 'add',
      note: 'received from Qianyi',
    });
    await store.transition(TENANT, 'SO-OPS-1', {
      from: ['received'],
      patch: { phase: 'failed', status: 'FAILED', failedReason: 'bad address' },
      notify: true,
      note: 'refused by eTower',
    });
    await enqueue(queues, 'createOrder', { tenant: TENANT, order: { orderNumber: 'SO-OPS-1' } });
    await enqueue(
      queues,
      'pushOrderInfo',
      { tenant: TENANT, orderNumber: 'SO-OPS-1', version: 1 },
      { jobId: orderPushJobId(TENANT, 'SO-OPS-1', 1) },
    );
  });

  it('shows state, history and jobs as JSON', async () => {
    const result = await ops('--json', 'order', 'SO-OPS-1', '--tenant', TENANT);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.state).toMatchObject({
      tenant: TENANT,
      orderNumber: 'SO-OPS-1',
      phase: 'failed',
      status: 'FAILED',
      failedReason: 'bad address',
      version: 1,
      createdAt: expect.stringMatching(/^20\d\d-/),
    });
    expect(report.history.map((h: { note: string }) => h.note)).toEqual(['received from Qianyi', 'refused by eTower']);
    expect(report.jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          queue: 'orders',
          id: jobId('createOrder', TENANT, 'SO-OPS-1'),
          name: 'createOrder',
          state: 'waiting',
        }),
        expect.objectContaining({
          queue: 'webhooks',
          id: orderPushJobId(TENANT, 'SO-OPS-1', 1),
          name: 'pushOrderInfo',
          state: 'waiting',
        }),
      ]),
    );
  });

  it('finds the tenant by itself when none is configured, and prints text by default', async () => {
    const result = await ops('order', 'SO-OPS-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`order SO-OPS-1  (tenant ${TENANT})`);
    expect(result.stdout).toMatch(/phase\s+failed/);
    expect(result.stdout).toContain('refused by eTower');
    expect(result.stdout).toContain(jobId('createOrder', TENANT, 'SO-OPS-1'));
    // Times as ISO dates, in the record and in its history (where the patch holds them as digit strings).
    expect(result.stdout).toMatch(/createdAt\s+20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
    expect(result.stdout).toMatch(/\{"at":"20\d\d-\d\d-\d\dT[^"]+Z"/);
    expect(result.stdout).not.toMatch(/\b1\d{12}\b/);
    // Which Redis it read, on stderr (stdout stays the answer).
    expect(result.stderr).toContain(`ops: Redis ${redisUrl}, from REDIS_URL`);
  });

  it('exits 1 for an unknown order', async () => {
    const result = await ops('order', 'NOPE', '--tenant', TENANT);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('order NOPE not found');
  });
});

describe('failed and replay', () => {
  const ids = ['pushOrderInfo-ops-F1', 'pushOrderInfo-ops-F2', 'pushOrderInfo-ops-F3'];
  beforeAll(async () => {
    for (const [i, id] of ids.entries())
      await queues.webhooks.add(
        'pushOrderInfo',
        { tenant: TENANT, orderNumber: `F${i}`, version: 1 },
        { jobId: id, attempts: 1 },
      );
    await failJobs('webhooks', redis, ids, 'Qianyi answered 500');
  });

  it('lists failed jobs with id, name, attempts, reason and time', async () => {
    const result = await ops('failed', 'webhooks', '--json', '--limit', '2');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.total).toBe(3);
    expect(body.jobs).toHaveLength(2);
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(body.jobs[0]).toEqual({
      id: expect.stringMatching(/^pushOrderInfo-ops-F/),
      name: 'pushOrderInfo',
      attemptsMade: 1,
      failedReason: 'Qianyi answered 500',
      finishedOn: expect.stringMatching(iso),
    });
    // Each call parses its own options: the --json before does not carry over.
    const text = await ops('failed', 'webhooks');
    expect(text.stdout).toContain('3 failed job(s) in webhooks');
    expect(text.stdout).toContain('Qianyi answered 500');
  });

  it('replays one job under its own id, and reports ids it could not replay', async () => {
    const result = await ops('replay', 'webhooks', ids[0]!, 'missing-id');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('replayed 1 of 2');
    expect(result.stdout).toMatch(/missing-id\s+-\s+not-found/);
    expect(await (await queues.webhooks.getJob(ids[0]!))!.getState()).toBe('waiting');
  });

  it('replays every failed job with --all', async () => {
    const result = await ops('--json', 'replay', 'webhooks', '--all');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ queue: 'webhooks', replayed: 2 });
    for (const id of ids) expect(await (await queues.webhooks.getJob(id))!.getState()).toBe('waiting');
    expect(await queues.webhooks.getFailedCount()).toBe(0);
  });
});

describe('refresh', () => {
  it('enqueues refreshCatalog and pollOrders now, under fresh ids', async () => {
    const catalog = await ops('--json', 'refresh', 'catalog', '--tenant', TENANT);
    expect(catalog.code).toBe(0);
    const [added] = JSON.parse(catalog.stdout).jobs;
    const job = await queues.inventory.getJob(added.id);
    expect(job).toMatchObject({ name: 'refreshCatalog', data: { tenant: TENANT } });
    const again = JSON.parse((await ops('--json', 'refresh', 'catalog', '--tenant', TENANT)).stdout).jobs[0];
    expect(again.id).not.toBe(added.id);
    const orders = JSON.parse((await ops('--json', 'refresh', 'orders', '--tenant', TENANT)).stdout).jobs[0];
    expect(await queues.orders.getJob(orders.id)).toMatchObject({ name: 'pollOrders', data: { tenant: TENANT } });
  });

  it('enqueues rebuildInventory', async () => {
    const result = await ops('--json', 'refresh', 'inventory', '--tenant', TENANT);
    expect(result.code).toBe(0);
    const [added] = JSON.parse(result.stdout).jobs;
    expect(await queues.inventory.getJob(added.id)).toMatchObject({
      name: 'rebuildInventory',
      data: { tenant: TENANT },
    });
  });

  it('needs a tenant when none is configured', async () => {
    const result = await ops('refresh', 'catalog');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--tenant');
  });
});

describe('counts, asn and usage', () => {
  it('counts jobs per queue and state', async () => {
    const result = await ops('counts', '--json');
    expect(result.code).toBe(0);
    const counts = JSON.parse(result.stdout);
    expect(Object.keys(counts).sort()).toEqual(['asn', 'inventory', 'orders', 'skus', 'webhooks']);
    expect(counts.webhooks.waiting).toBe(await queues.webhooks.getWaitingCount());
    expect(counts.orders).toMatchObject({ waiting: await queues.orders.getWaitingCount(), failed: 0, active: 0 });
    expect((await ops('counts')).stdout).toMatch(/^queue\s+waiting\s+active/);
  });

  it('exits 1 for an unknown ASN', async () => {
    const result = await ops('asn', 'ASN-NOPE', '--tenant', TENANT);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ASN ASN-NOPE not found');
  });

  it('shows an ASN with its state, history and create job', async () => {
    await new AsnStore(redis).transition(TENANT, 'ASN-OPS-1', {
      from: 'absent',
      patch: { phase: 'received', warehouseCode: 'USWH1' },
      notify: false,
      note: 'received from Qianyi',
    });
    await queues.asn.add('createAsn', { tenant: TENANT }, { jobId: createAsnJobId(TENANT, 'ASN-OPS-1') });
    const result = await ops('--json', 'asn', 'ASN-OPS-1');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.state).toMatchObject({ tenant: TENANT, asnNumber: 'ASN-OPS-1', phase: 'received' });
    expect(report.history.map((h: { note: string }) => h.note)).toEqual(['received from Qianyi']);
    expect(report.jobs).toEqual([
      expect.objectContaining({ queue: 'asn', id: createAsnJobId(TENANT, 'ASN-OPS-1'), state: 'waiting' }),
    ]);
    // The same report as text: heading, state, history and jobs, as an order's is printed.
    const text = await ops('asn', 'ASN-OPS-1');
    expect(text.stdout).toContain(`ASN ASN-OPS-1  (tenant ${TENANT})`);
    expect(text.stdout).toMatch(/phase\s+received/);
    expect(text.stdout).toContain('received from Qianyi');
    expect(text.stdout).toContain(createAsnJobId(TENANT, 'ASN-OPS-1'));
  });

  it('exits 2 on usage errors and 0 on --help', async () => {
    const badQueue = await ops('failed', 'no-such-queue');
    expect(badQueue.code).toBe(2);
    expect(badQueue.stderr).toMatch(/'no-such-queue' is invalid[\s\S]*\(run with --help for usage\)/);
    expect((await ops('replay', 'webhooks')).code).toBe(2);
    expect((await ops('failed', 'orders', '--limit', 'ten')).code).toBe(2);
    expect((await ops('frobnicate')).code).toBe(2);
    const help = await ops('--help');
    expect(help.code).toBe(0);
    for (const command of ['order', 'asn', 'failed', 'replay', 'refresh', 'counts'])
      expect(help.stdout).toContain(command);
    expect((await ops('refresh', '--help')).stdout).toContain('Examples:');
  });

  it('exits 1 with a clear message when Redis cannot be reached', async () => {
    const result = await opsHere(['counts'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach Redis');
  });

  it('closes its Redis connection before it returns', async () => {
    const db = new URL(redisUrl).pathname.slice(1);
    const clients = async () =>
      ((await redis.client('LIST')) as string)
        .trim()
        .split('\n')
        .map((line) => ({ id: Number(/\bid=(\d+)/.exec(line)![1]), db: /\bdb=(\d+)/.exec(line)![1] }));
    const newest = Math.max(...(await clients()).map((c) => c.id));
    // counts answers from Redis, so the call did connect; closed, not just idle: no connection opened since is
    // left on this test's database.
    expect((await ops('counts')).code).toBe(0);
    await eventually(async () => (await clients()).every((c) => c.id <= newest || c.db !== db));
  });
});

describe('the built CLI, as an operator runs it', () => {
  it('prints counts --json on stdout, which Redis on stderr, and exits 0', async () => {
    const result = await opsProcess(['counts', '--json'], env());
    expect(result.code).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout)).sort()).toEqual(['asn', 'inventory', 'orders', 'skus', 'webhooks']);
    expect(result.stderr).toBe(`ops: Redis ${redisUrl}, from REDIS_URL\n`);
  });

  it('exits 2 on a usage error, saying why on stderr', async () => {
    const result = await opsProcess(['failed', 'no-such-queue'], env());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/'no-such-queue' is invalid[\s\S]*\(run with --help for usage\)/);
  });
});
