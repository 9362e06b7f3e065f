import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { orderListSchema, type EtowerClient } from '@bridge/etower';
import { pushOrderInfoContentSchema } from '@bridge/qianyi';
import { OrderStore } from '../src/orders/order-store';
import type { OrderPatch } from '../src/orders/order-state';
import { pollOpenOrders, type PollOrdersDeps } from '../src/orders/poll-orders';
import { orderPushContent } from '../src/orders/order-push-content';

// eTower can report an order shipped (status 5) before its tracking number is in. Qianyi must never get SUCCESS
// without one (it refuses the push), and the number that comes later must be read: the order stays polled.
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

const HOUR = 3600000;
let seq = 0;

/** One tenant with one released order and a fake eTower whose answer the test changes between polls. */
async function setup(seed: OrderPatch = {}) {
  const store = new OrderStore(redis);
  const tenant = `tt${++seq}`;
  const orderNumber = `TR-${seq}`;
  await store.transition(tenant, orderNumber, {
    from: 'absent',
    patch: {
      phase: 'released',
      status: 'SENDING',
      wmsStatus: 'Accepted',
      etowerStatus: 1,
      warehouseCode: 'W',
      warehouseOrderNumber: `C${seq}O`,
      ...seed,
    },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  let records: unknown[] = [];
  const pushed: number[] = [];
  const warnings: string[] = [];
  const deps: PollOrdersDeps = {
    tenant,
    store,
    timeZone: '+08:00',
    trackingWaitHours: 24,
    etower: { orderList: async () => orderListSchema.parse(records) } as unknown as EtowerClient,
    pushes: {
      orderChanged: async (_t: string, _n: string, version: number) => {
        pushed.push(version);
      },
    } as unknown as PollOrdersDeps['pushes'],
    logger: {
      warn: (_o: unknown, msg: string) => {
        warnings.push(msg);
      },
    } as unknown as PollOrdersDeps['logger'],
    createJobs: {} as PollOrdersDeps['createJobs'],
  };
  const part = (fields: Record<string, unknown>) => ({
    orderNo: `C${seq}O`,
    referenceNo: orderNumber,
    status: 5,
    statusMsg: 'Outbound',
    shipmentCarrier: 'USPS',
    outboundDate: '2026-11-20 10:00:00',
    trackingNo: '',
    ...fields,
  });
  return {
    store,
    tenant,
    orderNumber,
    pushed,
    warnings,
    eTowerShows: (...parts: Array<Record<string, unknown>>) => {
      records = parts.map(part);
    },
    poll: () => pollOpenOrders(deps),
    state: async () => (await store.get(tenant, orderNumber))!,
    open: async () => (await store.openIds(tenant)).includes(orderNumber),
  };
}

test('shipped without a number: SENDING awaiting it, still polled; the number that comes later makes it SUCCESS', async () => {
  const t = await setup();
  t.eTowerShows({});
  expect(await t.poll()).toEqual({ checked: 1, changed: 1 });
  let state = await t.state();
  expect(state).toMatchObject({
    phase: 'released',
    status: 'SENDING',
    etowerStatus: 5,
    wmsStatus: 'Outbound (shipped, awaiting tracking number)',
    carrierName: 'USPS',
  });
  expect(state.trackingNumber).toBeUndefined();
  expect(state.shippingTime).toBeUndefined();
  expect(state.awaitingTrackingSince).toEqual(expect.any(Number));
  expect(await t.open()).toBe(true);
  expect(t.pushed).toEqual([state.version]);
  const waiting = pushOrderInfoContentSchema.safeParse(orderPushContent(state));
  expect(waiting.success && waiting.data).toMatchObject({ status: 'SENDING', trackNumber: '' });

  // Nothing new from eTower: nothing recorded, nothing pushed.
  const version = state.version;
  expect(await t.poll()).toEqual({ checked: 1, changed: 0 });
  expect((await t.state()).version).toBe(version);

  t.eTowerShows({ trackingNo: '9400A' });
  expect(await t.poll()).toEqual({ checked: 1, changed: 1 });
  state = await t.state();
  // outboundDate is read in the tenant's zone (+08:00 here).
  expect(state).toMatchObject({
    status: 'SUCCESS',
    wmsStatus: 'Outbound',
    trackingNumber: '9400A',
    shippingTime: Date.parse('2026-11-20T02:00:00Z'),
  });
  expect(state.awaitingTrackingSince).toBeUndefined();
  expect(await t.open()).toBe(false);
  expect(t.pushed).toEqual([version, state.version]);
  const shipped = pushOrderInfoContentSchema.safeParse(orderPushContent(state));
  expect(shipped.success && shipped.data).toMatchObject({ status: 'SUCCESS', trackNumber: '9400A', carrier: 'USPS' });
});

test('a split order is SUCCESS only when every shipped part has its number', async () => {
  const t = await setup();
  t.eTowerShows(
    { trackingNo: 'T1' },
    {
      orderNo: `C${seq}P`,
      originOrderNo: `C${seq}O`,
      referenceNo: `${t.orderNumber}-2`,
      originReferenceNo: t.orderNumber,
    },
  );
  await t.poll();
  expect(await t.state()).toMatchObject({
    status: 'SENDING',
    wmsStatus: 'Outbound (shipped, awaiting tracking number)',
  });
  expect(await t.open()).toBe(true);
});

test("no number within the tenant's wait: SENDING saying so, pushed once, no longer polled, logged", async () => {
  const t = await setup({
    status: 'SENDING',
    etowerStatus: 5,
    wmsStatus: 'Outbound (shipped, awaiting tracking number)',
    awaitingTrackingSince: Date.now() - 25 * HOUR,
  });
  t.eTowerShows({});
  expect(await t.poll()).toEqual({ checked: 1, changed: 1 });
  const state = await t.state();
  expect(state).toMatchObject({
    status: 'SENDING',
    wmsStatus: 'Outbound (shipped; eTower gave no tracking number within 24 h, no longer polled)',
  });
  expect(await t.open()).toBe(false);
  expect(t.pushed).toEqual([state.version]);
  expect(t.warnings).toEqual([expect.stringContaining('no tracking number')]);
});

test('within the wait the order keeps waiting', async () => {
  const since = Date.now() - 23 * HOUR;
  const t = await setup({
    status: 'SENDING',
    etowerStatus: 5,
    wmsStatus: 'Outbound (shipped, awaiting tracking number)',
    carrierName: 'USPS',
    awaitingTrackingSince: since,
  });
  t.eTowerShows({});
  expect(await t.poll()).toEqual({ checked: 1, changed: 0 });
  expect((await t.state()).awaitingTrackingSince).toBe(since);
  expect(await t.open()).toBe(true);
});

test('a record already SUCCESS without a number (written before this rule) is pushed as SENDING, never as SUCCESS', async () => {
  const t = await setup({ status: 'SUCCESS', wmsStatus: 'Outbound', etowerStatus: 5, shippingTime: 1 });
  const content = pushOrderInfoContentSchema.safeParse(orderPushContent(await t.state()));
  expect(content.success && content.data).toMatchObject({
    status: 'SENDING',
    wmsStatus: 'Outbound (shipped, awaiting tracking number)',
    trackNumber: '',
  });
  expect(content.success && content.data.shippingTime).toBeUndefined();
});
