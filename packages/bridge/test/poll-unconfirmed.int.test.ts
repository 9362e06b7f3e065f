import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import type { EtowerClient, EtowerOrder } from '@bridge/etower';
import { OrderStore } from '../src/orders/order-store';
import type { OrderPatch } from '../src/orders/order-state';
import { pollOpenOrders, type PollOrdersDeps } from '../src/orders/poll-orders';

// eTower confirms asynchronously: an order we created confirmed (or released) can read status 0, "unconfirmed",
// until the warehouse takes it. Recording that pushed "Unconfirmed" to Qianyi after "Created" (CI caught it).
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

let seq = 0;
async function poll(seed: OrderPatch, eTowerStatus: number) {
  const store = new OrderStore(redis);
  const tenant = `t${++seq}`;
  const n = `PU-${seq}`;
  await store.transition(tenant, n, {
    from: 'absent',
    patch: { status: 'SENDING', warehouseCode: 'W', warehouseOrderNumber: `C${seq}O`, ...seed },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  const record = {
    orderNo: `C${seq}O`,
    referenceNo: n,
    status: eTowerStatus,
    statusMsg: ['Unconfirmed', 'Accepted', 'Sending Abnormality'][eTowerStatus],
    trackingNos: [],
  } as unknown as EtowerOrder;
  const pushed: number[] = [];
  const deps = {
    tenant,
    store,
    etower: { orderList: async () => [record] } as unknown as EtowerClient,
    pushes: {
      orderChanged: async (_t: string, _n: string, version: number) => {
        pushed.push(version);
      },
    },
    logger: { warn: () => undefined },
  } as unknown as PollOrdersDeps;
  const result = await pollOpenOrders(deps);
  return { result, pushed, state: (await store.get(tenant, n))!, history: await store.history(tenant, n) };
}

test('a confirmed order that eTower still reads as unconfirmed keeps its state and is not pushed', async () => {
  const { result, pushed, state, history } = await poll(
    { phase: 'released', wmsStatus: 'Created', etowerStatus: 1 },
    0,
  );
  expect(result).toEqual({ checked: 1, changed: 0 });
  expect(pushed).toEqual([]);
  expect(state).toMatchObject({ phase: 'released', status: 'SENDING', wmsStatus: 'Created', etowerStatus: 1 });
  expect(history).toHaveLength(1);
});

test('a held draft reading unconfirmed keeps the record that says when it will be released', async () => {
  const { pushed, state } = await poll(
    { phase: 'held', wmsStatus: 'Draft, held until 2026-11-22T10:00:00.000Z', etowerStatus: 0 },
    0,
  );
  expect(pushed).toEqual([]);
  expect(state.wmsStatus).toMatch(/^Draft, held until/);
});

test('a failed order that reads unconfirmed again was re-confirmed: recorded and pushed', async () => {
  const { pushed, state } = await poll(
    {
      phase: 'released',
      status: 'FAILED',
      wmsStatus: 'Sending Abnormality',
      etowerStatus: 2,
      failedReason: 'push failed',
      failureKind: 'refused',
    },
    0,
  );
  expect(pushed).toEqual([state.version]);
  expect(state).toMatchObject({ status: 'SENDING', wmsStatus: 'Unconfirmed', etowerStatus: 0 });
  expect(state.failedReason).toBeUndefined();
});

test('progress past unconfirmed is recorded and pushed as before', async () => {
  const { pushed, state } = await poll({ phase: 'released', wmsStatus: 'Created', etowerStatus: 1 }, 1);
  expect(pushed).toEqual([state.version]);
  expect(state).toMatchObject({ status: 'SENDING', wmsStatus: 'Accepted', etowerStatus: 1 });
});
