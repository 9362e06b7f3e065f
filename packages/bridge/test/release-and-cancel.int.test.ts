import { Redis } from 'ioredis';
import { tenantSchema } from '@bridge/config';
import { EtowerHttpError, ETOWER_PATHS } from '@bridge/etower';
import type { CreateOrderContent } from '@bridge/qianyi';
import { eventually, isolatedRedisUrl } from '@bridge/testkit';
import { enqueue } from '../src/jobs/enqueue';
import { createJobId, releaseJobId } from '../src/jobs/catalog';
import { JobControl } from '../src/jobs/job-control';
import { createQueues, type Queues } from '../src/jobs/queues';
import { cancelOrder, type CancelOrderDeps } from '../src/orders/cancel-order';
import { createOrderAtEtower, initialFields } from '../src/orders/create-order-at-etower';
import { OrderRefusedError } from '../src/orders/order-refused-error';
import type { OrderPatch } from '../src/orders/order-state';
import { OrderStore } from '../src/orders/order-store';
import { releaseOrder } from '../src/orders/release-order';
import { orderContent } from './support/order-content';
import type { PushScheduler } from '../src/jobs/push-scheduler';
import {
  created,
  envelope,
  etowerOrder,
  orderList,
  scriptedEtower,
  type ScriptedEtower,
} from './support/scripted-etower';

// The release of held drafts and Qianyi's cancels, racing each other and the create, against a real Redis, real
// BullMQ queues (no worker: the jobs only have to exist) and an in-process eTower. A cancel and a create or a
// release exclude each other through the phase compare-and-set: whichever moves first wins, and the answer says so.

let redis: Redis;
let store: OrderStore;
let queues: Queues;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  store = new OrderStore(redis);
  queues = createQueues(redis);
});
afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

const TENANT = 'rc-tenant';
const CONFIRM = ETOWER_PATHS.confirmOrders;
const CREATE = ETOWER_PATHS.createOrders;
const LIST = ETOWER_PATHS.orderList;
const tenant = tenantSchema.parse({
  accessId: TENANT,
  secretKey: 's',
  qianyi: { callbackBaseUrl: 'http://127.0.0.1:1', warehouseExtraType: 'X' },
  etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
});

let pushed: Array<[string, number]> = [];
const pushes = {
  orderChanged: async (_t: string, n: string, version: number) => {
    pushed.push([n, version]);
  },
} as unknown as PushScheduler;
beforeEach(() => {
  pushed = [];
});

let seq = 0;
function content(): CreateOrderContent {
  const n = `RC-${++seq}`;
  return orderContent(n);
}

async function seeded(patch: OrderPatch & { phase: OrderPatch['phase'] }) {
  const order = content();
  await store.transition(TENANT, order.orderNumber, {
    from: 'absent',
    patch: { ...initialFields(order), ...patch },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  return order;
}
const held = () => seeded({ phase: 'held', warehouseOrderNumber: `W-${Date.now()}-${seq}`, etowerStatus: 0 });
const stateOf = async (n: string) => (await store.get(TENANT, n))!;
const release = (n: string, etower: ScriptedEtower) =>
  releaseOrder(n, { tenant: TENANT, etower: etower.client, store, pushes }).catch((err: unknown) => err);
const cancel = (n: string, waitForCreate: CancelOrderDeps['waitForCreate'] = async () => {}) =>
  cancelOrder(n, { tenant: TENANT, store, jobs: new JobControl(queues), pushes, waitForCreate });
const create = (order: CreateOrderContent, etower: ScriptedEtower) =>
  createOrderAtEtower(order, {
    tenant,
    store,
    etower: etower.client,
    pushes,
    finalAttempt: () => false,
    scheduleRelease: async () => {
      throw new Error('no release expected');
    },
  }).catch((err: unknown) => err);

describe('release of a held draft', () => {
  it('confirmed: released, pushed, still polled', async () => {
    const order = await held();
    const orderNo = (await stateOf(order.orderNumber)).warehouseOrderNumber!;
    const etower = scriptedEtower();
    etower.script(CONFIRM, [envelope({ data: [orderNo] })]);
    expect(await release(order.orderNumber, etower)).toBe('released');
    const state = await stateOf(order.orderNumber);
    expect(state).toMatchObject({ phase: 'released', status: 'SENDING', wmsStatus: 'Accepted', etowerStatus: 1 });
    expect(pushed).toEqual([[order.orderNumber, state.version]]);
  });

  it("not confirmable (600928) because an earlier attempt confirmed it: eTower's record decides, with its tracking number", async () => {
    const order = await held();
    const n = order.orderNumber;
    const orderNo = (await stateOf(n)).warehouseOrderNumber!;
    const etower = scriptedEtower();
    etower.script(CONFIRM, [
      envelope({
        success: false,
        code: '3',
        data: [],
        errors: [{ code: '600928', message: `${orderNo} cannot be confirmed` }],
      }),
    ]);
    etower.script(LIST, [orderList(etowerOrder(n, orderNo, 3, { trackingNo: 'TRK-1' }))]);
    expect(await release(n, etower)).toBe('released');
    expect(await stateOf(n)).toMatchObject({ phase: 'released', etowerStatus: 3, trackingNumber: 'TRK-1' });
  });

  it('not confirmable and still a draft at eTower: retried, and it stays releasing (a cancel is refused meanwhile)', async () => {
    const order = await held();
    const n = order.orderNumber;
    const orderNo = (await stateOf(n)).warehouseOrderNumber!;
    const etower = scriptedEtower();
    etower.script(CONFIRM, [
      envelope({
        success: false,
        code: '3',
        data: [],
        errors: [{ code: '600928', message: `${orderNo} cannot be confirmed` }],
      }),
    ]);
    etower.script(LIST, [orderList(etowerOrder(n, orderNo, 0))]);
    expect(await release(n, etower)).toEqual(
      expect.objectContaining({ message: expect.stringMatching(/not confirmed: 600928/) }),
    );
    expect((await stateOf(n)).phase).toBe('releasing');
    expect(await cancel(n)).toEqual({ ok: false, message: expect.stringMatching(/being released/) });
  });

  it('a 500: retried, still releasing; the retry confirms it', async () => {
    const order = await held();
    const n = order.orderNumber;
    const orderNo = (await stateOf(n)).warehouseOrderNumber!;
    const etower = scriptedEtower();
    etower.script(CONFIRM, [new EtowerHttpError(CONFIRM, 500, 'boom'), envelope({ data: [orderNo] })]);
    expect(await release(n, etower)).toBeInstanceOf(EtowerHttpError);
    expect((await stateOf(n)).phase).toBe('releasing');
    expect(await release(n, etower)).toBe('released');
  });

  it("the confirm call refused as a whole: FAILED with eTower's reason, pushed, not polled", async () => {
    const order = await held();
    const n = order.orderNumber;
    const etower = scriptedEtower();
    etower.script(CONFIRM, [
      envelope({ success: false, code: '5', message: 'no permission for orderType 5', errors: '' }),
    ]);
    const err = await release(n, etower);
    expect(err).toBeInstanceOf(OrderRefusedError);
    const state = await stateOf(n);
    expect(state).toMatchObject({
      phase: 'failed',
      status: 'FAILED',
      failureKind: 'refused',
      failedReason: expect.stringMatching(/no permission/),
    });
    expect(pushed).toEqual([[n, state.version]]);
    expect((await store.openIds(TENANT)).includes(n)).toBe(false);
  });
});

describe('cancel', () => {
  it('of a draft in its hold window: cancelled, its release job removed, and a release that runs anyway confirms nothing', async () => {
    const order = await held();
    const n = order.orderNumber;
    await enqueue(queues, 'releaseOrder', { tenant: TENANT, orderNumber: n }, { delayMs: 60000 });
    expect(await cancel(n)).toEqual({ ok: true, message: `order ${n} cancelled` });
    expect(await queues.orders.getJob(releaseJobId(TENANT, n))).toBeUndefined();
    const state = await stateOf(n);
    expect(state).toMatchObject({ phase: 'cancelled', status: 'CANCEL' });
    expect(pushed).toEqual([[n, state.version]]);
    const etower = scriptedEtower();
    expect(await release(n, etower)).toBe('cancelled');
    expect(etower.requests).toEqual([]);
  });

  it('before the create job ran: cancelled, the job removed, and a create that starts anyway sends nothing', async () => {
    const order = await seeded({ phase: 'received' });
    const n = order.orderNumber;
    await enqueue(
      queues,
      'createOrder',
      { tenant: TENANT, order: order as never, labelStored: false },
      { delayMs: 60000 },
    );
    expect((await cancel(n)).ok).toBe(true);
    expect(await queues.orders.getJob(createJobId(TENANT, n))).toBeUndefined();
    const etower = scriptedEtower();
    expect(await create(order, etower)).toEqual({ outcome: 'cancelled' });
    expect(etower.requests).toEqual([]);
  });

  it('while the create call is in flight: the answer waits for it and says the order is released, never "cancelled"', async () => {
    const order = await seeded({ phase: 'received' });
    const n = order.orderNumber;
    const etower = scriptedEtower();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    etower.script(CREATE, [
      async () => {
        await answered;
        return created(n, `C-${n}`);
      },
    ]);
    const creating = create(order, etower);
    await eventually(async () => (await stateOf(n)).phase === 'creating');
    const cancelling = cancel(n, async () => {
      answer();
      await creating;
    });
    expect(await cancelling).toEqual({
      ok: false,
      message: expect.stringMatching(/already released to the eTower warehouse as C-/),
    });
    expect(await creating).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect((await stateOf(n)).phase).toBe('released');
  });

  it('racing creates at every interleaving: a cancelled order was never sent, a sent one is never reported cancelled', async () => {
    // Case 0 cancels before the create starts, case 1 after it ended; the others start one, then the other
    // 0..6 turns of the event loop later, so the steps of each meet the other's wherever the scheduling puts them.
    const outcomes = await Promise.all(
      Array.from({ length: 14 }, async (_, i) => {
        const order = await seeded({ phase: 'received' });
        const n = order.orderNumber;
        const etower = scriptedEtower();
        etower.script(LIST, [], orderList());
        etower.script(CREATE, [], () => created(n, `C-${n}`));
        const turns = async () => {
          for (let t = 0; t < (i >> 1) - 1; t++) await new Promise((resolve) => setImmediate(resolve));
        };
        let creating: Promise<unknown> = Promise.resolve();
        const startCreate = () => {
          creating = create(order, etower);
          return creating;
        };
        const whenCreated = async () => {
          await creating;
        };
        let answer: Awaited<ReturnType<typeof cancel>>;
        if (i === 0) {
          answer = await cancel(n, whenCreated);
          await startCreate();
        } else if (i === 1) {
          await startCreate();
          answer = await cancel(n, whenCreated);
        } else if (i % 2 === 0) {
          const cancelling = cancel(n, whenCreated);
          await turns();
          startCreate();
          answer = await cancelling;
        } else {
          startCreate();
          await turns();
          answer = await cancel(n, whenCreated);
        }
        await creating;
        return { n, cancelled: answer.ok, sent: etower.calls(CREATE), state: await stateOf(n) };
      }),
    );
    for (const o of outcomes) {
      if (o.cancelled) expect({ sent: o.sent, phase: o.state.phase }).toEqual({ sent: 0, phase: 'cancelled' });
      else expect({ sent: o.sent, phase: o.state.phase }).toEqual({ sent: 1, phase: 'released' });
    }
    expect([outcomes[0]!.cancelled, outcomes[1]!.cancelled]).toEqual([true, false]);
  });

  it('of an order eTower may hold (FAILED unreachable): refused, saying the bridge keeps checking', async () => {
    const order = await seeded({ phase: 'failed', status: 'FAILED', failureKind: 'unreachable' });
    expect(await cancel(order.orderNumber)).toEqual({
      ok: false,
      message: expect.stringMatching(/keeps checking eTower/),
    });
  });

  it('of an order eTower refused: cancelled', async () => {
    const order = await seeded({ phase: 'failed', status: 'FAILED', failureKind: 'refused' });
    expect(await cancel(order.orderNumber)).toEqual({ ok: true, message: expect.any(String) });
    expect((await stateOf(order.orderNumber)).status).toBe('CANCEL');
  });

  it('of an unknown order: refused, saying so', async () => {
    expect(await cancel('RC-NEVER')).toEqual({ ok: false, message: expect.stringMatching(/not known to the bridge/) });
  });
});
