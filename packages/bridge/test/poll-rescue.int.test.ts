import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import type { EtowerClient } from '@bridge/etower';
import type { JobState } from '../src/jobs/job-control';
import { STUCK_AFTER_MS, type CreateJobs } from '../src/jobs/revive-create-job';
import { OrderStore } from '../src/orders/order-store';
import { pollOpenOrders, type PollOrdersDeps } from '../src/orders/poll-orders';

// The order poller's rescue of a document its create job never settled (the job's worker died on its last
// attempt, or it stalled twice), by the age of the record and the state of the job: on a real Redis, with the
// record's age set by its `now` instead of waiting STUCK_AFTER_MS. The whole path through the processes (a real
// failed job run again by the worker's poller, created once at eTower; ASNs too) is apps/worker/test/rescue.int.test.ts.

let redis: Redis;
let store: OrderStore;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  store = new OrderStore(redis);
});
afterAll(() => {
  redis.disconnect();
});

let seq = 0;

/** One tenant with one order in `received`, last changed `ageMs` ago, whose create job is in `jobState`. */
async function stuck(ageMs: number, jobState: JobState | undefined) {
  const tenant = `rescue-${++seq}`;
  const orderNumber = `RS-${seq}`;
  await store.transition(tenant, orderNumber, {
    from: 'absent',
    patch: { phase: 'received', status: 'SENDING', wmsStatus: 'Queued at the bridge' },
    notify: false,
    open: 'add',
    note: 'received from Qianyi',
    now: Date.now() - ageMs,
  });
  const looked: string[] = [];
  const retried: Array<{ id: string; from: string }> = [];
  const pushed: number[] = [];
  const createJobs: CreateJobs = {
    state: async (id) => {
      looked.push(id);
      return jobState;
    },
    retry: async (id, from) => {
      retried.push({ id, from });
    },
  };
  const deps: PollOrdersDeps = {
    tenant,
    store,
    timeZone: '+08:00',
    trackingWaitHours: 24,
    // eTower has never seen it: the create call never went out.
    etower: { orderList: async () => [] } as unknown as EtowerClient,
    pushes: {
      orderChanged: async (_t: string, _n: string, version: number) => {
        pushed.push(version);
      },
    } as unknown as PollOrdersDeps['pushes'],
    logger: { warn: () => undefined } as unknown as PollOrdersDeps['logger'],
    createJobs,
  };
  return { tenant, orderNumber, looked, retried, pushed, poll: () => pollOpenOrders(deps) };
}

test('not stuck yet: its create job is not even looked at, the order stays received', async () => {
  const s = await stuck(STUCK_AFTER_MS - 2000, 'failed');
  expect(await s.poll()).toEqual({ checked: 1, changed: 0 });
  expect(s.looked).toEqual([]);
  expect(s.retried).toEqual([]);
  expect(await store.get(s.tenant, s.orderNumber)).toMatchObject({ phase: 'received' });
});

test('stuck, its job still queued or retrying: left to the job', async () => {
  for (const state of ['waiting', 'delayed', 'active'] as const) {
    const s = await stuck(STUCK_AFTER_MS + 1000, state);
    await s.poll();
    expect(s.retried).toEqual([]);
    expect(await store.get(s.tenant, s.orderNumber)).toMatchObject({ phase: 'received' });
  }
});

test('stuck, its job ended (failed or completed) without settling it: the job runs again, nothing pushed', async () => {
  for (const state of ['failed', 'completed'] as const) {
    const s = await stuck(STUCK_AFTER_MS + 1000, state);
    await s.poll();
    expect(s.retried).toEqual([{ id: s.orderNumber, from: state }]);
    expect(s.pushed).toEqual([]);
    expect(await store.get(s.tenant, s.orderNumber)).toMatchObject({ phase: 'received' });
  }
});

test('stuck, its job gone (it held the content): FAILED saying so, pushed, still polled in case eTower has it', async () => {
  const s = await stuck(STUCK_AFTER_MS + 1000, undefined);
  expect(await s.poll()).toEqual({ checked: 1, changed: 1 });
  const state = await store.get(s.tenant, s.orderNumber);
  expect(state).toMatchObject({ phase: 'failed', status: 'FAILED', failureKind: 'unreachable' });
  expect(state?.failedReason).toMatch(/lost this order's create job/);
  expect(s.pushed).toEqual([state?.version]);
  expect(await store.openIds(s.tenant)).toEqual([s.orderNumber]);
});
