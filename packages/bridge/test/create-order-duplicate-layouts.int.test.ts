import { Redis } from 'ioredis';
import { tenantSchema } from '@bridge/config';
import {
  EtowerBusinessError,
  etowerClientOver,
  ETOWER_PATHS,
  type EtowerClient,
  type EtowerRequest,
  type EtowerTransport,
} from '@bridge/etower';
import { isolatedRedisUrl } from '@bridge/testkit';
import { createOrderAtEtower, type CreateOrderDeps } from '../src/orders/create-order-at-etower';
import { orderContent, recordReceived } from './support/order-content';
import { OrderNotVisibleError } from '../src/orders/order-not-visible-error';
import { OrderRefusedError } from '../src/orders/order-refused-error';
import { OrderStore } from '../src/orders/order-store';
import type { PushScheduler } from '../src/jobs/push-scheduler';

// A duplicate refusal means an earlier attempt created the order: in every layout eTower may answer it in, the
// use case reads the order back and adopts it, and never records it as FAILED. eTower is an in-process transport
// answering raw bodies, so each layout goes through the client's real decoders, then the use case, then Redis.

let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

const tenant = tenantSchema.parse({
  accessId: 'dup-tenant',
  secretKey: 's',
  qianyi: { callbackBaseUrl: 'http://127.0.0.1:1', warehouseExtraType: 'X' },
  etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
});

const envelope = (fields: Record<string, unknown>) => ({
  code: '0',
  data: '',
  errors: '',
  message: '',
  messageId: '',
  success: true,
  warnList: '',
  ...fields,
});
const duplicateItem = (n: string) => ({ code: '600904', message: `referenceNo:${n},Already exists in the system` });
const perOrderDuplicate = (n: string) =>
  envelope({
    code: '00005',
    success: false,
    message: 'paramter error',
    data: { orderNo: '', referenceNo: n },
    errors: [duplicateItem(n)],
  });

const LAYOUTS: Array<[string, (n: string) => unknown]> = [
  ['an array of one envelope (the seed layout)', (n) => [perOrderDuplicate(n)]],
  ['a single envelope instead of an array', (n) => perOrderDuplicate(n)],
  [
    'a single envelope whose own code is 600904, no errors list',
    (n) => envelope({ code: '600904', success: false, message: `referenceNo:${n},Already exists in the system` }),
  ],
  [
    'a single envelope with only the 600222 wording, no duplicate code',
    (n) =>
      envelope({
        code: '3',
        success: false,
        message: 'parameters error',
        errors: [{ code: '', message: `referenceNo:${n} field value already exists and cannot be repeated` }],
      }),
  ],
  [
    'the older layout: errors keyed by referenceNo in a successful envelope',
    (n) => envelope({ data: { [n]: [duplicateItem(n)] } }),
  ],
  [
    'errors keyed by referenceNo in a refusing envelope',
    (n) => envelope({ code: '3', success: false, data: { [n]: [duplicateItem(n)] } }),
  ],
  ['per-order envelopes nested in a successful envelope', (n) => envelope({ data: [perOrderDuplicate(n)] })],
  [
    'per-order envelopes nested in a refusing envelope',
    (n) => envelope({ code: '3', success: false, data: [perOrderDuplicate(n)] }),
  ],
];

interface FakeEtower {
  createAnswer: unknown;
  /** What orderList holds for the order: eTower's record of the earlier attempt, or nothing. */
  existing: Record<string, unknown> | undefined;
  requests: EtowerRequest[];
}

function transportFor(fake: FakeEtower): EtowerTransport {
  return {
    async send(request) {
      fake.requests.push(request);
      if (request.path === ETOWER_PATHS.createOrders) return fake.createAnswer;
      if (request.path === ETOWER_PATHS.orderList) return envelope({ data: fake.existing ? [fake.existing] : [] });
      throw new Error(`unexpected call ${request.path}`);
    },
    detectFlavour: async () => {
      throw new Error('not used');
    },
    signatureFlavour: () => undefined,
    close: () => undefined,
  };
}

let seq = 0;
async function attempt(
  createAnswer: (n: string) => unknown,
  existing: boolean,
  client?: (over: EtowerClient) => EtowerClient,
) {
  const store = new OrderStore(redis);
  const n = `DUP-${++seq}`;
  const order = orderContent(n);
  await recordReceived(store, tenant.accessId, order);
  const fake: FakeEtower = {
    createAnswer: createAnswer(n),
    requests: [],
    existing: existing
      ? {
          orderNo: `C-${n}`,
          referenceNo: n,
          status: 1,
          statusMsg: 'Accepted',
          serviceName: 'USPS Ground',
          trackingNo: '',
        }
      : undefined,
  };
  const pushed: number[] = [];
  const deps: CreateOrderDeps = {
    tenant,
    store,
    etower: (client ?? ((c) => c))(etowerClientOver(transportFor(fake))),
    pushes: {
      orderChanged: async (_t: string, _n: string, version: number) => {
        pushed.push(version);
      },
    } as unknown as PushScheduler,
    scheduleRelease: async () => {
      throw new Error('no release expected');
    },
    finalAttempt: () => false,
  };
  const outcome = await createOrderAtEtower(order, deps).catch((err: unknown) => err);
  const history = (await store.history(tenant.accessId, n)) as Array<{ note?: string }>;
  return { n, outcome, pushed, state: (await store.get(tenant.accessId, n))!, history, fake };
}

describe.each(LAYOUTS)('a duplicate refusal answered as %s', (_name, layout) => {
  it('is read back and adopted, never FAILED', async () => {
    const { n, outcome, pushed, state, history, fake } = await attempt(layout, true);
    expect(outcome).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
    expect(state).toMatchObject({ phase: 'released', status: 'SENDING', warehouseOrderNumber: `C-${n}` });
    expect(state.failedReason).toBeUndefined();
    expect(history.map((h) => h.note)).toEqual([
      'received from Qianyi',
      'create call to eTower',
      `created at eTower as C-${n}`,
    ]);
    expect(pushed).toEqual([state.version]);
    expect(fake.requests.map((r) => r.path)).toEqual([ETOWER_PATHS.createOrders, ETOWER_PATHS.orderList]);
  });

  it('is retried (not FAILED) while orderList does not show the order yet', async () => {
    const { outcome, pushed, state } = await attempt(layout, false);
    expect(outcome).toBeInstanceOf(OrderNotVisibleError);
    expect(state).toMatchObject({ phase: 'creating', status: 'SENDING' });
    expect(pushed).toEqual([]);
  });
});

it('a duplicate the client reports as a refusal of the whole call (EtowerBusinessError) is read back as well', async () => {
  const throwing = (c: EtowerClient): EtowerClient => ({
    ...c,
    createOrders: async () => {
      throw new EtowerBusinessError(
        ETOWER_PATHS.createOrders,
        '600222',
        'field value already exists and cannot be repeated',
        [],
      );
    },
  });
  const { n, outcome, state } = await attempt(() => undefined, true, throwing);
  expect(outcome).toEqual({ outcome: 'created', warehouseOrderNumber: `C-${n}` });
  expect(state).toMatchObject({ phase: 'released', status: 'SENDING' });
});

describe('refusals that are not duplicates', () => {
  it.each([
    [
      'a single envelope',
      (n: string) =>
        envelope({
          code: '00005',
          success: false,
          message: 'paramter error',
          data: { orderNo: '', referenceNo: n },
          errors: [
            { code: '600906', message: 'warehouseServiceName:X ,Does not exist in the shipperAddressCode:USWH1' },
          ],
        }),
    ],
    [
      'an array of one envelope',
      (n: string) => [
        envelope({
          code: '00005',
          success: false,
          message: 'paramter error',
          data: { orderNo: '', referenceNo: n },
          errors: [
            { code: '600906', message: 'warehouseServiceName:X ,Does not exist in the shipperAddressCode:USWH1' },
          ],
        }),
      ],
    ],
    // "already exists" about something other than the referenceNo is not a duplicate of the order.
    [
      'a message about another field existing',
      () =>
        envelope({
          code: '3',
          success: false,
          message: 'parameters error',
          errors: [{ code: '', message: 'trackingNo:T1 already exists' }],
        }),
    ],
  ])("answered as %s are recorded as FAILED with eTower's reason, without a read-back", async (_name, layout) => {
    const { outcome, pushed, state, fake } = await attempt(layout, true);
    expect(outcome).toBeInstanceOf(OrderRefusedError);
    expect(state).toMatchObject({
      phase: 'failed',
      status: 'FAILED',
      failureKind: 'refused',
      failedReason: expect.stringMatching(/^eTower refused/),
    });
    expect(pushed).toEqual([state.version]);
    expect(fake.requests.map((r) => r.path)).toEqual([ETOWER_PATHS.createOrders]);
  });
});
