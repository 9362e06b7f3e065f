import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { tenantSchema } from '@bridge/config';
import { isolatedRedisUrl } from '@bridge/testkit';
import type { OrderPatch } from '../src/orders/order-state';
import { OrderStore } from '../src/orders/order-store';
import { deliverOrderPush, type DeliverOrderPushDeps } from '../src/orders/deliver-order-push';
import { QianyiDeliveryError } from '../src/pushes/qianyi-delivery-error';
import { keys } from '../src/state/keys';

// Push ordering, against a real Redis and an in-process Qianyi receiver over HTTP: Qianyi never receives an older
// state after a newer one, never the same version twice once it accepted it, and never two deliveries of one
// order at once; a push it did not accept is not marked delivered, so its retry sends it.

let redis: Redis;
let store: OrderStore;
let server: Server;
const TENANT = 'pd-tenant';
let tenant: ReturnType<typeof tenantSchema.parse>;

/** What the receiver does with the next pushes: accept, refuse (success:false), or hold the answer until released. */
let mode: 'accept' | 'refuse' | 'hold' = 'accept';
let held: ServerResponse[] = [];
let received: Array<{ orderNumber: string; status: string }> = [];
const answer = (res: ServerResponse, success: boolean) => {
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify(success ? { success: true } : { success: false, errorMsg: 'busy, try later' }));
};

beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  store = new OrderStore(redis);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const call = JSON.parse(body) as { content?: string | Record<string, unknown> };
      const content = (typeof call.content === 'string' ? JSON.parse(call.content) : call.content) as {
        orderNumber: string;
        status: string;
      };
      received.push({ orderNumber: content.orderNumber, status: content.status });
      if (mode === 'hold') held.push(res);
      else answer(res, mode === 'accept');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tenant = tenantSchema.parse({
    accessId: TENANT,
    secretKey: 's',
    qianyi: { callbackBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, warehouseExtraType: 'X' },
    etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  redis.disconnect();
});
beforeEach(() => {
  mode = 'accept';
  held = [];
  received = [];
});

// The replica check belongs to the Redis deployment, not to ordering: satisfied at once here.
const deps = () => ({ store, redis, tenant, replicas: { require: async () => {} } }) as unknown as DeliverOrderPushDeps;
const deliver = (n: string, version: number) => deliverOrderPush(n, version, deps()).catch((err: unknown) => err);

let seq = 0;
/** An order whose record went through the given states, each one a change Qianyi is to be told (version 1, 2, …). */
async function orderThrough(...changes: Array<OrderPatch>): Promise<string> {
  const n = `PD-${++seq}`;
  await store.transition(TENANT, n, {
    from: 'absent',
    patch: { phase: 'released', status: 'SENDING', wmsStatus: 'Created', warehouseCode: 'W', ...changes[0] },
    notify: true,
    open: 'add',
    note: 'seed',
  });
  for (const patch of changes.slice(1))
    await store.transition(TENANT, n, { from: ['released'], patch, notify: true, note: 'change' });
  return n;
}

test('an older version arriving after a newer one: superseded, never sent', async () => {
  const n = await orderThrough({ status: 'SENDING' }, { status: 'SUCCESS', trackingNumber: 'T1' });
  const { version } = (await store.get(TENANT, n))!;
  expect(await deliver(n, version)).toBe('delivered');
  expect(await deliver(n, version - 1)).toBe('superseded');
  expect(received).toEqual([{ orderNumber: n, status: 'SUCCESS' }]);
});

test('a version Qianyi accepted is not sent again (a retried or duplicated push job)', async () => {
  const n = await orderThrough({ status: 'SENDING' });
  const { version } = (await store.get(TENANT, n))!;
  expect(await deliver(n, version)).toBe('delivered');
  expect(await deliver(n, version)).toBe('already-delivered');
  expect(received).toHaveLength(1);
});

test('two deliveries of one order at once: the second is told busy and sends nothing while the first is in flight', async () => {
  const n = await orderThrough({ status: 'SENDING' });
  const { version } = (await store.get(TENANT, n))!;
  mode = 'hold';
  const first = deliver(n, version);
  while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await deliver(n, version)).toBe('busy');
  answer(held[0]!, true);
  expect(await first).toBe('delivered');
  expect(received).toHaveLength(1);
  expect(await redis.exists(keys.pushLock(TENANT, 'order', n))).toBe(0);
});

test('a push Qianyi did not accept: not marked delivered, the retry sends it and then it is', async () => {
  const n = await orderThrough({ status: 'SENDING' });
  const { version } = (await store.get(TENANT, n))!;
  mode = 'refuse';
  const err = await deliver(n, version);
  expect(err).toBeInstanceOf(QianyiDeliveryError);
  expect((err as Error).message).toMatch(/busy, try later/);
  expect(await redis.get(keys.orderDelivered(TENANT, n))).toBeNull();
  mode = 'accept';
  expect(await deliver(n, version)).toBe('delivered');
  expect(received).toHaveLength(2);
});
