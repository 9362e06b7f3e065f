import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { envSchema, tenantSchema } from '@bridge/config';
import {
  JobControl,
  QueueAdmin,
  JobTimeoutError,
  TenantRegistry,
  createQueues,
  createStores,
  initialFields,
  keys,
  runAttempt,
  type Queues,
} from '@bridge/core';
import { createOrderContentSchema } from '@bridge/qianyi';
import { createLogger } from '@bridge/runtime';
import { eventually, isolatedRedisUrl } from '@bridge/testkit';
import { createWorkerMetrics } from '../src/metrics';
import type { ProcessorContext } from '../src/processors/context';
import { jobHandlers } from '../src/job-handlers';
import { order, orderNumber } from './order-fixtures';

// A timed-out job stops: at its deadline the attempt ends, the eTower call or push it was waiting on is abandoned
// (the peer sees the request go away), and the lock it held is free for the next attempt at once, not when a
// 60-second client timeout would have given up. The peer is an in-process HTTP server that never answers.

interface SilentPeer {
  url: string;
  /** Paths of the requests that arrived, and of those whose client went away before an answer. */
  received: string[];
  abandoned: string[];
  close(): Promise<void>;
}

async function silentPeer(): Promise<SilentPeer> {
  const received: string[] = [];
  const abandoned: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    received.push(req.url ?? '');
    // Never answered: only the client can end this exchange.
    res.on('close', () => {
      if (!res.writableEnded) abandoned.push(req.url ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    abandoned,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let redis: Redis;
let queues: Queues;
let peer: SilentPeer;
let ctx: ProcessorContext;
const TENANT = 'timeout-tenant';
// Far beyond the job deadlines below: without the abort the locks would stay held this long.
const CLIENT_TIMEOUT_MS = 60000;
const JOB_TIMEOUT_MS = 300;

beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  queues = createQueues(redis);
  peer = await silentPeer();
  const tenant = tenantSchema.parse({
    accessId: TENANT,
    secretKey: 's',
    qianyi: { callbackBaseUrl: peer.url, warehouseExtraType: 'X' },
    etower: { baseUrl: peer.url, token: 't', key: 'k' },
  });
  const env = envSchema.parse({});
  ctx = {
    env,
    redis,
    jobs: new JobControl(queues),
    tenants: new TenantRegistry([tenant], CLIENT_TIMEOUT_MS),
    ...createStores(redis, new JobControl(queues), env),
    logger: createLogger({ name: 'job-timeout-test', level: 'silent' }),
    metrics: createWorkerMetrics(new QueueAdmin(queues)),
  };
});

afterAll(async () => {
  ctx.tenants.etower(TENANT).close();
  await peer.close();
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

let jobSeq = 0;
function jobOf(name: string, data: Record<string, unknown>): Job {
  return { id: `timeout-${++jobSeq}`, name, data, attemptsMade: 0, opts: { attempts: 3 } } as unknown as Job;
}

async function seedOrder(phase: 'received' | 'released') {
  const n = orderNumber('TMO');
  const content = createOrderContentSchema.parse(order(n));
  await ctx.orders.transition(TENANT, n, {
    from: 'absent',
    patch: { phase, ...initialFields(content), ...(phase === 'released' ? { warehouseOrderNumber: `W-${n}` } : {}) },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  return { n, content };
}

/** One attempt of the job with the worker's processors, under the short deadline. */
const attempt = (job: Job) => runAttempt(job, undefined, jobHandlers(ctx), { timeoutMs: JOB_TIMEOUT_MS });

/** Runs the job past its deadline: it must end then, its request be abandoned and its lock be free. */
async function timesOut(job: Job, lockKey: string): Promise<void> {
  const before = peer.abandoned.length;
  const err = await attempt(job).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(JobTimeoutError);

  await eventually(async () => peer.abandoned.length > before);
  await eventually(async () => (await redis.exists(lockKey)) === 0);
}

test("a poll that outlives its deadline abandons orderList and frees the tenant's poll lock", async () => {
  await seedOrder('released');
  await timesOut(jobOf('pollOrders', { tenant: TENANT }), keys.pollLock(TENANT, 'orders'));
  expect(peer.abandoned.at(-1)).toMatch(/\/orderList/);
  // The next poll is not told "another poll of this tenant is running": it takes the lock, and it too is cut off.
  await timesOut(jobOf('pollOrders', { tenant: TENANT }), keys.pollLock(TENANT, 'orders'));
});

test("an ASN poll that outlives its deadline abandons poList and frees the tenant's ASN poll lock", async () => {
  await ctx.asns.transition(TENANT, orderNumber('TMA'), {
    from: 'absent',
    patch: { phase: 'created', referenceNumber: 'R-1' },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  await timesOut(jobOf('pollAsns', { tenant: TENANT }), keys.pollLock(TENANT, 'asns'));
  expect(peer.abandoned.at(-1)).toMatch(/\/poList/);
});

test("a push that outlives its deadline abandons the webhook call and frees the order's delivery lock", async () => {
  const { n } = await seedOrder('released');
  await timesOut(
    jobOf('pushOrderInfo', { tenant: TENANT, orderNumber: n, version: 1 }),
    keys.pushLock(TENANT, 'order', n),
  );
  expect(peer.abandoned.at(-1)).toMatch(/receiveOdo|pushOrderInfo|\/X$/i);
  // Not recorded as delivered: the retry sends it.
  expect(await redis.get(keys.orderDelivered(TENANT, n))).toBeNull();
});

test('a create that outlives its deadline abandons the create call; the order stays creating for the retry to read back', async () => {
  const { n, content } = await seedOrder('received');
  const before = peer.abandoned.length;
  await expect(
    attempt(jobOf('createOrder', { tenant: TENANT, order: content, labelStored: false })),
  ).rejects.toBeInstanceOf(JobTimeoutError);
  await eventually(async () => peer.abandoned.length > before);
  expect(peer.abandoned.at(-1)).toMatch(/createOrders$/);
  // An abandoned create may have reached eTower: the order is not sent back to `received` nor FAILED.
  const state = await eventually(async () => {
    const s = await ctx.orders.get(TENANT, n);
    return s && (await ctx.orders.history(TENANT, n)).length >= 2 ? s : undefined;
  });
  expect(state.phase).toBe('creating');
});
