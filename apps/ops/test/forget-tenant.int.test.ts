import { keys, outboxMember, perTenantId } from '@bridge/core';
import { opsRedis } from './ops-redis';
import { opsHere } from './run-ops';

// `ops forget-tenant` against a real Redis, run in this process (runOps): the dry run, --yes, and the refusals.
// Every key kind, the outbox and the jobs in detail: packages/bridge/test/forget-tenant.int.test.ts.

// KEPT starts like GONE and holds '-': a naive match on `forget` would take its keys and jobs.
const KEPT = 'forget-kept';
const GONE = 'forget';
const ops = opsRedis(KEPT);
const { noTenants, withKept } = ops;

/** What a tenant leaves: two orders with their histories, its open set and catalog, an outbox entry, two jobs. */
async function seed(tenant: string): Promise<string[]> {
  const written = [keys.catalog(tenant), keys.openOrders(tenant)];
  for (const order of ['SO-1', 'SO-2']) written.push(keys.order(tenant, order), keys.orderHistory(tenant, order));
  for (const key of written) await ops.redis.set(key, 'x');
  await ops.redis.zadd(keys.pushOutbox, 1, outboxMember('order', tenant, 'SO-1'));
  await ops.jobs.add('createOrder', { tenant, order: { orderNumber: 'SO-1' } });
  await ops.jobs.add('pushOrderInfo', { tenant, orderNumber: 'SO-1', version: 1 });
  return written;
}

const existing = async (list: readonly string[]) =>
  (await Promise.all(list.map((k) => ops.redis.exists(k)))).filter(Boolean);

let gone: string[];
let kept: string[];
beforeEach(async () => {
  await ops.redis.flushdb();
  gone = await seed(GONE);
  kept = await seed(KEPT);
});

it('counts without --yes, and says how to delete', async () => {
  const result = await opsHere(['forget-tenant', GONE], withKept());
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`tenant ${GONE} has in Redis (dry run, nothing deleted):`);
  expect(result.stdout).toMatch(/keys: order\s+2\n/);
  expect(result.stdout).toMatch(/keys: orderHistory\s+2\n/);
  expect(result.stdout).toMatch(/keys: catalog\s+1\n/);
  expect(result.stdout).toMatch(/push outbox entries\s+1\n/);
  expect(result.stdout).toMatch(/jobs: orders queue\s+1\n/);
  expect(result.stdout).toMatch(/jobs: webhooks queue\s+1\n/);
  expect(result.stdout).toContain(`To delete them: pnpm ops forget-tenant ${GONE} --yes`);
  expect(await existing(gone)).toHaveLength(gone.length);
  expect(await ops.redis.zcard(keys.pushOutbox)).toBe(2);
});

it("deletes with --yes, none of another tenant's, and finds nothing the second time", async () => {
  const result = await opsHere(['--json', 'forget-tenant', GONE, '--yes'], withKept());
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    tenant: GONE,
    dryRun: false,
    outcome: 'deleted',
    keys: { catalog: 1, openOrders: 1, order: 2, orderHistory: 2 },
    outbox: 1,
    jobs: { orders: 1, webhooks: 1 },
    jobsLeft: [],
    totals: { keys: 6, outbox: 1, jobs: 2 },
  });
  expect(await existing(gone)).toEqual([]);
  expect(await existing(kept)).toHaveLength(kept.length);
  expect(await ops.redis.zrange(keys.pushOutbox, 0, -1)).toEqual([outboxMember('order', KEPT, 'SO-1')]);
  expect(await ops.queues.orders.getJobCountByTypes('waiting')).toBe(1);

  const again = await opsHere(['forget-tenant', GONE, '--yes'], withKept());
  expect(again.code).toBe(1);
  expect(again.stdout).toContain(`nothing of tenant ${GONE} in Redis`);
});

it('refuses a tenant configured here, with no --force to override', async () => {
  const refused = await opsHere(['forget-tenant', KEPT, '--yes'], withKept());
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`tenant ${KEPT} is configured here`);
  expect(await existing(kept)).toHaveLength(kept.length);
  expect((await opsHere(['forget-tenant', KEPT, '--yes', '--force'], withKept())).code).toBe(2);
});

it('refuses when ops has no tenants to tell by', async () => {
  const refused = await opsHere(['forget-tenant', GONE, '--yes'], noTenants());
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`cannot tell whether ${GONE} is still in use`);
  expect(await existing(gone)).toHaveLength(gone.length);
});

it('refuses while the tenant has job schedulers, naming unschedule', async () => {
  await ops.jobs.schedule(perTenantId('sweepExpired', GONE), 'sweepExpired', { tenant: GONE }, 3600000);
  const refused = await opsHere(['forget-tenant', GONE, '--yes'], withKept());
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`sweepExpired-${GONE}`);
  expect(refused.stderr).toContain(`pnpm ops unschedule ${GONE} first`);
  expect(await existing(gone)).toHaveLength(gone.length);

  expect((await opsHere(['unschedule', GONE], withKept())).code).toBe(0);
  expect((await opsHere(['forget-tenant', GONE, '--yes'], withKept())).code).toBe(0);
  expect(await existing(gone)).toEqual([]);
});

it('is listed in the help, with an example', async () => {
  expect((await opsHere(['--help'], noTenants())).stdout).toMatch(/forget-tenant\s/);
  expect((await opsHere(['forget-tenant', '--help'], noTenants())).stdout).toContain(
    '$ pnpm ops forget-tenant old-access-id --yes',
  );
  expect((await opsHere(['forget-tenant'], noTenants())).code).toBe(2);
});

it('with Redis gone: exits 1 saying so, and deletes nothing', async () => {
  const gone = await seed(GONE);
  const result = await opsHere(['forget-tenant', GONE, '--yes'], {
    ...withKept(),
    REDIS_URL: 'redis://127.0.0.1:1',
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('cannot reach Redis');
  expect(await existing(gone)).toHaveLength(gone.length);
});
