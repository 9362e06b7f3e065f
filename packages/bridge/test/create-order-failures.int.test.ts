import { Redis } from 'ioredis';
import { tenantSchema } from '@bridge/config';
import { EtowerAuthError, EtowerHttpError, EtowerTimeoutError, ETOWER_PATHS } from '@bridge/etower';
import { isolatedRedisUrl } from '@bridge/testkit';
import { createOrderAtEtower, type CreateOrderDeps } from '../src/orders/create-order-at-etower';
import { orderContent, recordReceived } from './support/order-content';
import { OrderNotVisibleError } from '../src/orders/order-not-visible-error';
import { OrderRefusedError } from '../src/orders/order-refused-error';
import { OrderStore } from '../src/orders/order-store';
import type { PushScheduler } from '../src/jobs/push-scheduler';
import {
  created,
  etowerOrder,
  orderList,
  refused,
  scriptedEtower,
  type ScriptedEtower,
} from './support/scripted-etower';

// Every way eTower can fail createOrderAtEtower, one test each, against a real Redis and an in-process eTower
// (the client's real decoders): what is thrown (retried or final), the phase left behind (which decides what a
// cancel may do), what is pushed, and how many create calls eTower saw (never two creates of one order).

let redis: Redis;
let store: OrderStore;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  store = new OrderStore(redis);
});
afterAll(() => {
  redis.disconnect();
});

const tenant = tenantSchema.parse({
  accessId: 'cof-tenant',
  secretKey: 's',
  qianyi: { callbackBaseUrl: 'http://127.0.0.1:1', warehouseExtraType: 'X' },
  etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
});
const CREATE = ETOWER_PATHS.createOrders;
const LIST = ETOWER_PATHS.orderList;

let seq = 0;
async function received() {
  const n = `COF-${++seq}`;
  const order = orderContent(n);
  await recordReceived(store, tenant.accessId, order);
  return { n, order };
}

interface Attempt {
  etower: ScriptedEtower;
  pushed: number[];
  final?: (kind: string) => boolean;
}
function attempt(order: Awaited<ReturnType<typeof received>>['order'], a: Attempt) {
  const deps: CreateOrderDeps = {
    tenant,
    store,
    etower: a.etower.client,
    pushes: {
      orderChanged: async (_t: string, _n: string, version: number) => {
        a.pushed.push(version);
      },
    } as unknown as PushScheduler,
    scheduleRelease: async () => {
      throw new Error('no release expected');
    },
    finalAttempt: a.final ?? (() => false),
  };
  return createOrderAtEtower(order, deps).catch((err: unknown) => err);
}
const stateOf = async (n: string) => (await store.get(tenant.accessId, n))!;
const isOpen = async (n: string) => (await store.openIds(tenant.accessId)).includes(n);

describe('eTower answered with an error status (the request is over)', () => {
  it('500 and orderList without the order: retried, and back to received so a cancel can still stop it', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [new EtowerHttpError(CREATE, 500, 'boom')]);
    a.etower.script(LIST, [orderList()]);
    expect(await attempt(order, a)).toBeInstanceOf(EtowerHttpError);
    expect((await stateOf(n)).phase).toBe('received');
    expect(a.pushed).toEqual([]);

    a.etower.script(CREATE, [created(n, `C-${n}`)]);
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(a.etower.calls(CREATE)).toBe(2);
    expect(a.pushed).toEqual([(await stateOf(n)).version]);
  });

  it('500 although eTower created it (orderList shows it): adopted at once', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [new EtowerHttpError(CREATE, 502, 'bad gateway')]);
    a.etower.script(LIST, [orderList(etowerOrder(n, `C-${n}`, 1))]);
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(await stateOf(n)).toMatchObject({ phase: 'released', warehouseOrderNumber: `C-${n}` });
  });

  it('401 (clock or key) before the last attempt: retried, back to received', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [new EtowerAuthError(CREATE, 'sign error')]);
    a.etower.script(LIST, [orderList()]);
    expect(await attempt(order, a)).toBeInstanceOf(EtowerAuthError);
    expect((await stateOf(n)).phase).toBe('received');
  });

  it('an error status and orderList failing too: nothing is known, it stays creating for the retry to look', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [new EtowerHttpError(CREATE, 503, 'busy')]);
    a.etower.script(LIST, [new EtowerHttpError(LIST, 503, 'unreadable list')]);
    const err = await attempt(order, a);
    // Still the create's error (its class sets the retry's delay), now saying why the phase was left unsettled.
    expect(err).toBeInstanceOf(EtowerHttpError);
    expect((err as EtowerHttpError).status).toBe(503);
    expect((err as Error).message).toMatch(/busy.*order left creating, reading it back failed: .*unreadable list/);
    expect(a.etower.calls(LIST)).toBe(1);
    expect((await stateOf(n)).phase).toBe('creating');
  });

  it('401 on the last attempt it is allowed: FAILED as unreachable, pushed, still polled', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [], final: (kind) => kind === 'auth' };
    a.etower.script(CREATE, [new EtowerAuthError(CREATE, 'sign error')]);
    const err = await attempt(order, a);
    expect(err).toBeInstanceOf(OrderRefusedError);
    const state = await stateOf(n);
    expect(state).toMatchObject({
      phase: 'failed',
      status: 'FAILED',
      failureKind: 'unreachable',
      failedReason: expect.stringMatching(/^could not be sent to eTower after repeated attempts: /),
    });
    expect(a.pushed).toEqual([state.version]);
    expect(await isOpen(n)).toBe(true);
  });
});

describe('no answer (timeout): eTower may still be working on it', () => {
  it('thrown for a retry, the order stays creating; the retry reads back first and adopts what eTower made, with no second create', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [new EtowerTimeoutError(CREATE, 2000)]);
    expect(await attempt(order, a)).toBeInstanceOf(EtowerTimeoutError);
    expect((await stateOf(n)).phase).toBe('creating');
    expect(a.etower.calls(LIST)).toBe(0);

    a.etower.script(LIST, [orderList(etowerOrder(n, `C-${n}`, 1))]);
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(a.etower.calls(CREATE)).toBe(1);
  });

  it('and when eTower does not have it, the retry creates it', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [new EtowerTimeoutError(CREATE, 2000), created(n, `C-${n}`)]);
    a.etower.script(LIST, [orderList()]);
    await attempt(order, a);
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(a.etower.requests.map((r) => r.path)).toEqual([CREATE, LIST, CREATE]);
  });

  it('on the last attempt: FAILED as unreachable and still polled, so it heals if eTower did take it', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [], final: () => true };
    a.etower.script(CREATE, [new EtowerTimeoutError(CREATE, 2000)]);
    expect(await attempt(order, a)).toBeInstanceOf(OrderRefusedError);
    expect(await stateOf(n)).toMatchObject({
      phase: 'failed',
      failureKind: 'unreachable',
      wmsStatus: 'eTower unreachable',
    });
    expect(await isOpen(n)).toBe(true);
  });
});

describe('an answer without this order in it (short array)', () => {
  it('is read back and adopted, not created again', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [[]]);
    a.etower.script(LIST, [orderList(etowerOrder(n, `C-${n}`, 1))]);
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(a.etower.calls(CREATE)).toBe(1);
  });

  it('not visible yet: retried as OrderNotVisibleError, never FAILED; the retry looks before creating', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [[]]);
    a.etower.script(LIST, [orderList(), orderList(etowerOrder(n, `C-${n}`, 1))]);
    expect(await attempt(order, a)).toBeInstanceOf(OrderNotVisibleError);
    expect((await stateOf(n)).phase).toBe('creating');
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(a.etower.calls(CREATE)).toBe(1);
  });
});

describe('eTower refusing the order', () => {
  it("FAILED with eTower's reason, pushed, no longer polled, never retried", async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [refused(n, '600906', 'warehouseServiceName:Pigeon Post ,Does not exist')]);
    const err = await attempt(order, a);
    expect(err).toBeInstanceOf(OrderRefusedError);
    expect((err as Error).message).toMatch(/600906.*Pigeon Post/);
    const state = await stateOf(n);
    expect(state).toMatchObject({
      phase: 'failed',
      status: 'FAILED',
      failureKind: 'refused',
      failedReason: expect.stringMatching(/600906/),
    });
    expect(a.pushed).toEqual([state.version]);
    expect(await isOpen(n)).toBe(false);
  });

  it('sent again after the fix: created, FAILED cleared', async () => {
    const { n, order } = await received();
    const a: Attempt = { etower: scriptedEtower(), pushed: [] };
    a.etower.script(CREATE, [
      refused(n, '600906', 'warehouseServiceName:Pigeon Post ,Does not exist'),
      created(n, `C-${n}`),
    ]);
    await attempt(order, a);
    expect(await attempt(order, a)).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    const state = await stateOf(n);
    expect(state).toMatchObject({ phase: 'released', status: 'SENDING' });
    expect(state.failedReason).toBeUndefined();
  });
});
