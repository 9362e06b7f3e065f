import { perTenantId } from '@bridge/core';
import { opsRedis } from './ops-redis';
import { opsHere } from './run-ops';

// `ops schedulers` and `ops unschedule` against a real Redis, run in this process (runOps): the Job Schedulers a
// tenant taken out of the configuration leaves behind, listed with whether ops has the tenant, and removed.

const KEPT = 'sched-ops-kept';
const GONE = 'sched-ops-gone';
const ops = opsRedis(KEPT);
const { noTenants, withKept } = ops;

beforeEach(async () => {
  await Promise.all(Object.values(ops.queues).map((q) => q.obliterate({ force: true })));
  // What workers declared while both tenants were configured.
  for (const tenant of [KEPT, GONE]) {
    await ops.jobs.schedule(perTenantId('pollOrders', tenant), 'pollOrders', { tenant }, 5 * 60000);
    await ops.jobs.schedule(perTenantId('refreshCatalog', tenant), 'refreshCatalog', { tenant }, 3600000);
  }
  await ops.jobs.schedule('drainOutbox', 'drainOutbox', {}, 30000);
});

const ids = async () =>
  (await Promise.all(Object.values(ops.queues).map(async (q) => (await q.getJobSchedulers()).map((s) => s.key))))
    .flat()
    .sort();

describe('schedulers', () => {
  it('lists each scheduler with its queue, interval, next run, tenant and whether ops has the tenant', async () => {
    const result = await opsHere(['--json', 'schedulers'], withKept());
    expect(result.code).toBe(0);
    const { schedulers } = JSON.parse(result.stdout);
    expect(schedulers).toHaveLength(5);
    expect(schedulers).toEqual(
      expect.arrayContaining([
        {
          id: `pollOrders-${GONE}`,
          queue: 'orders',
          name: 'pollOrders',
          tenant: GONE,
          everyMs: 300000,
          nextRunAt: expect.stringMatching(/^20\d\d-\d\d-\d\dT/),
          configured: false,
        },
        expect.objectContaining({ id: `refreshCatalog-${KEPT}`, queue: 'inventory', configured: true }),
        expect.objectContaining({ id: 'drainOutbox', queue: 'webhooks', everyMs: 30000 }),
      ]),
    );
    expect(schedulers.find((s: { id: string }) => s.id === 'drainOutbox')).not.toHaveProperty('configured');
    expect(result.stderr).toContain(`ops: tenant ${KEPT}, from QIANYI_ACCESS_ID`);
  });

  it('prints a table an operator reads: the interval as 5m, NO for a tenant not configured', async () => {
    const result = await opsHere(['schedulers'], withKept());
    expect(result.stdout).toMatch(/^id\s+queue\s+every\s+next run\s+tenant\s+configured\n/);
    expect(result.stdout).toMatch(new RegExp(`pollOrders-${GONE}\\s+orders\\s+5m\\s+20\\S+Z\\s+${GONE}\\s+NO`));
    expect(result.stdout).toMatch(new RegExp(`refreshCatalog-${KEPT}\\s+inventory\\s+1h\\s+\\S+\\s+${KEPT}\\s+yes`));
    expect(result.stdout).toMatch(/drainOutbox\s+webhooks\s+30s\s+\S+\s+-\s+-/);
  });
});

describe('unschedule', () => {
  it('removes the schedulers of a tenant taken out of the configuration, and says how many', async () => {
    const result = await opsHere(['unschedule', GONE], withKept());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`removed 2 job scheduler(s) of tenant ${GONE}`);
    expect(result.stdout).toMatch(new RegExp(`pollOrders-${GONE}\\s+orders`));
    expect(await ids()).toEqual(['drainOutbox', `pollOrders-${KEPT}`, `refreshCatalog-${KEPT}`]);
    // Run again: none left, which is exit 1 (as for anything not found).
    const again = await opsHere(['--json', 'unschedule', GONE], withKept());
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ tenant: GONE, removed: 0, schedulers: [] });
  });

  it('refuses a tenant that is configured unless --force', async () => {
    const refused = await opsHere(['unschedule', KEPT], withKept());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`tenant ${KEPT} is configured here`);
    expect(refused.stderr).toContain('--force');
    expect(await ids()).toContain(`pollOrders-${KEPT}`);

    const forced = await opsHere(['--json', 'unschedule', KEPT, '--force'], withKept());
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ tenant: KEPT, removed: 2 });
    expect(await ids()).toEqual(['drainOutbox', `pollOrders-${GONE}`, `refreshCatalog-${GONE}`]);
  });

  it('refuses when ops has no tenants to tell by, unless --force', async () => {
    const refused = await opsHere(['unschedule', GONE], noTenants());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`cannot tell whether ${GONE} is still in use`);
    expect(await ids()).toHaveLength(5);
    expect((await opsHere(['unschedule', GONE, '--force'], noTenants())).code).toBe(0);
    expect(await ids()).toHaveLength(3);
  });

  it('is listed in the help, with an example', async () => {
    const help = await opsHere(['--help'], noTenants());
    expect(help.stdout).toMatch(/schedulers\s/);
    expect(help.stdout).toMatch(/unschedule\s/);
    expect((await opsHere(['unschedule', '--help'], noTenants())).stdout).toContain('$ pnpm ops unschedule');
    expect((await opsHere(['unschedule'], noTenants())).code).toBe(2);
  });
});
