import type { Server } from 'node:http';
import { QUEUE_NAMES } from '@bridge/config';
import { KEY_PREFIX } from '@bridge/runtime';
import { isolatedRedisUrl } from '@bridge/testkit';
import { Queue, Worker, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import { createDashboardApp } from '../src/app';
import { LOGIN_LIMITS } from '../src/login-limiter';
import { basicAuthHeader, send, type RawRequest } from './raw-http';

// The dashboard app in-process over a real Redis and real HTTP: every route that changes state, and every
// way of spelling its path, is refused with the credentials (and Redis shows nothing changed) and asks for
// them without; retry, promote, pause and resume work; repeated wrong passwords from one address get 429.

const AUTH = { user: 'ops-user', password: 'correct horse:battery' };
const good = basicAuthHeader(AUTH.user, AUTH.password);
const WAITING = 'createOrder-acc-1-SO-GUARD';
const DELAYED = 'createOrder-acc-1-SO-LATER';
const SCHEDULER = 'pollOrders-acc-1';
const ALL_STATES: JobType[] = ['wait', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'];

let redisUrl: string;
let redis: Redis;
let queues: Queue[];
let orders: Queue;
let webhooks: Queue;
let server: Server;
let url: string;
const blocked: Array<[string, number]> = [];

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: redis, prefix: KEY_PREFIX }));
  orders = queues.find((q) => q.name === 'orders')!;
  webhooks = queues.find((q) => q.name === 'webhooks')!;
  // Old enough that "clean jobs waiting longer than 5 s" would take it.
  const timestamp = Date.now() - 60_000;
  await orders.add(
    'createOrder',
    { tenant: 'acc-1', order: { orderNumber: 'SO-GUARD', labelData: 'PDF' } },
    { jobId: WAITING, timestamp },
  );
  await orders.add(
    'createOrder',
    { tenant: 'acc-1', order: { orderNumber: 'SO-LATER' } },
    { jobId: DELAYED, delay: 3_600_000, timestamp },
  );
  // The order poller's scheduler, declared as the worker declares it.
  await orders.upsertJobScheduler(
    SCHEDULER,
    { every: 60_000 },
    { name: 'pollOrders', data: { tenant: 'acc-1' }, opts: { attempts: 5 } },
  );
  await orders.rateLimit(3_600_000);
  const app = createDashboardApp({
    queues,
    credentials: AUTH,
    redis,
    onLoginBlocked: (address, seconds) => blocked.push([address, seconds]),
  });
  await new Promise<void>((resolve, reject) => {
    server = app.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve()));
  });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all((queues ?? []).map((q) => q.close()));
  redis?.disconnect();
});

/** Everything a refused route could change in the orders queue, as BullMQ reads it from Redis. */
async function ordersState() {
  const waiting = await orders.getJob(WAITING);
  const delayed = await orders.getJob(DELAYED);
  return {
    counts: await orders.getJobCounts(),
    ids: (await orders.getJobs(ALL_STATES)).map((j) => j.id).sort(),
    waiting: waiting && { data: waiting.data, priority: waiting.priority, state: await waiting.getState() },
    delayed: delayed && { delay: delayed.delay, state: await delayed.getState() },
    scheduler: await orders.getJobScheduler(SCHEDULER),
    concurrency: await orders.getGlobalConcurrency(),
    rateLimit: await orders.getGlobalRateLimit(),
    rateLimited: (await orders.getRateLimitTtl()) > 0,
    paused: await orders.isPaused(),
  };
}

// A path as segments: a string is a literal of Bull Board's route, { name, p } a parameter and its value.
type Segment = string | { name: string; p: string };
interface RefusedRoute {
  method: string;
  segments: Segment[];
  body?: unknown;
}
const p = (name: string, value: string) => ({ name, p: value });
const Q = ['api', 'queues', p('queueName', 'orders')] as Segment[];

const REFUSED: RefusedRoute[] = [
  { method: 'POST', segments: [...Q, 'add'], body: { name: 'createOrder', data: { tenant: 'acc-1' } } },
  {
    method: 'PATCH',
    segments: [...Q, p('jobId', WAITING), 'update-data'],
    body: { jobData: { labelData: '[redacted]' } },
  },
  { method: 'PUT', segments: [...Q, p('jobId', WAITING), 'clean'] },
  { method: 'PUT', segments: [...Q, 'clean', p('queueStatus', 'wait')] },
  { method: 'PUT', segments: [...Q, 'clean', p('queueStatus', 'delayed')] },
  { method: 'PUT', segments: [...Q, 'empty'] },
  { method: 'PUT', segments: [...Q, 'obliterate'], body: { force: true } },
  { method: 'PUT', segments: [...Q, 'concurrency'], body: { concurrency: 1 } },
  { method: 'PUT', segments: [...Q, 'rate-limit'], body: { max: 1, duration: 1000 } },
  { method: 'PUT', segments: [...Q, 'rate-limit', 'release'] },
  { method: 'PATCH', segments: [...Q, p('jobId', DELAYED), 'delay'], body: { runAt: Date.now() } },
  { method: 'PATCH', segments: [...Q, p('jobId', WAITING), 'priority'], body: { priority: 7 } },
  { method: 'PUT', segments: [...Q, 'job-schedulers', p('schedulerId', SCHEDULER), 'remove'] },
  { method: 'PATCH', segments: [...Q, 'job-schedulers', p('schedulerId', SCHEDULER)], body: { every: 1000 } },
  { method: 'PUT', segments: [...Q, 'job-schedulers', p('schedulerId', SCHEDULER), 'run'] },
  { method: 'PUT', segments: [...Q, p('jobId', WAITING), 'remove-unprocessed-children'] },
];

const text = (s: Segment) => (typeof s === 'string' ? s : s.p);
const join = (segments: Segment[]) => `/${segments.map(text).join('/')}`;
const encodeAll = (s: string) =>
  [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lastLiteral = (segments: Segment[]) => segments.findLastIndex((s) => typeof s === 'string');

/** The ways of writing one route's path that Express routes the same, or that a path check could miss. */
function variants(segments: Segment[]): Array<[string, string]> {
  const plain = join(segments);
  const last = lastLiteral(segments);
  const head = join(segments.slice(0, -1));
  const tail = text(segments.at(-1)!);
  return [
    ['plain', plain],
    ['upper case', join(segments.map((s) => (typeof s === 'string' ? s.toUpperCase() : s)))],
    ['mixed case', join(segments.map((s, i) => (i === last ? capitalise(s as string) : s)))],
    ['trailing slash', `${plain}/`],
    ['upper case and trailing slash', `${join(segments.map((s) => (typeof s === 'string' ? s.toUpperCase() : s)))}/`],
    ['parameters percent-encoded', `/${segments.map((s) => (typeof s === 'string' ? s : encodeAll(s.p))).join('/')}`],
    [
      'a literal letter percent-encoded',
      join(segments.map((s, i) => (i === last ? `${encodeAll((s as string)[0]!)}${(s as string).slice(1)}` : s))),
    ],
    ['last slash as %2F', `${head}%2F${tail}`],
    ['last slash as %2f', `${head}%2f${tail}`],
    ['double slash', `${head}//${tail}`],
    ['leading double slash', `/${plain}`],
    ['dot segment', `/api/queues/..${plain.slice('/api'.length)}`],
    ['query string', `${plain}?force=true`],
  ];
}

describe('refused routes', () => {
  let before: Awaited<ReturnType<typeof ordersState>>;
  beforeAll(async () => {
    before = await ordersState();
    // The fixtures are what the checks below rely on.
    expect(before.scheduler?.key).toBe(SCHEDULER);
    expect(before.waiting?.state).toBe('waiting');
    expect(before.delayed?.state).toBe('delayed');
    expect(before.rateLimited).toBe(true);
  });

  for (const route of REFUSED) {
    const name = `${route.method} ${join(route.segments.map((s) => (typeof s === 'string' ? s : `:${s.name}`)))}`;
    it(`${name}: 403 with credentials, 401 without, in every spelling, and nothing changes`, async () => {
      for (const [variant, path] of variants(route.segments)) {
        const req: RawRequest = { method: route.method, path, body: route.body };
        const withAuth = await send(url, { ...req, headers: good });
        expect({ variant, path, status: withAuth.status }).toEqual({ variant, path, status: 403 });
        const without = await send(url, req);
        expect({ variant, path, status: without.status }).toEqual({ variant, path, status: 401 });
      }
      // Read back once per route, after all its spellings (it was once per spelling: 208 full reads of the queue).
      // The spellings are one operation and none of these operations undoes itself, so a change made by any
      // spelling is still there now.
      expect(await ordersState()).toEqual(before);
    });
  }

  it('ignores method-override headers and query parameters', async () => {
    const tries: RawRequest[] = [
      { method: 'POST', path: '/api/queues/orders/empty', headers: { 'x-http-method-override': 'PUT' } },
      { method: 'POST', path: '/api/queues/orders/empty?_method=PUT' },
      {
        method: 'POST',
        path: `/api/queues/orders/${WAITING}/clean`,
        headers: { 'x-http-method': 'PUT', 'x-method-override': 'PUT' },
      },
      { method: 'PUT', path: `/api/queues/orders/${WAITING}/clean`, headers: { 'x-http-method-override': 'GET' } },
      { method: 'DELETE', path: `/api/queues/orders/${WAITING}` },
      { method: 'DELETE', path: '/api/queues/orders' },
    ];
    for (const req of tries) {
      const res = await send(url, { ...req, headers: { ...good, ...req.headers } });
      expect({ req, status: res.status }).toEqual({ req, status: 403 });
    }
    expect(await ordersState()).toEqual(before);
  });

  it('HEAD and OPTIONS on every refused path change nothing', async () => {
    for (const route of REFUSED) {
      for (const method of ['HEAD', 'OPTIONS']) {
        const res = await send(url, { method, path: join(route.segments), headers: good });
        expect(res.status).toBeLessThan(500);
      }
    }
    expect(await ordersState()).toEqual(before);
  });

  it('still reads: the queue list, one job, the schedulers', async () => {
    expect((await send(url, { method: 'GET', path: '/api/queues', headers: good })).status).toBe(200);
    const job = await send(url, { method: 'GET', path: `/api/queues/orders/${WAITING}`, headers: good });
    expect(job.status).toBe(200);
    expect(JSON.parse(job.body).job.data.order.labelData).toBe('[redacted]');
    const schedulers = await send(url, { method: 'GET', path: '/api/job-schedulers', headers: good });
    expect(schedulers.status).toBe(200);
    expect(schedulers.body).toContain(SCHEDULER);
  });
});

/** Moves the given jobs of a queue to failed, as a worker whose processor threw would. */
async function fail(queue: Queue, ids: string[]): Promise<void> {
  const token = 'guard-test';
  const worker = new Worker(queue.name, null, { connection: { url: redisUrl }, prefix: KEY_PREFIX });
  try {
    for (let i = 0; i < ids.length; i++) {
      const job = await worker.getNextJob(token);
      if (!job || !ids.includes(job.id!)) throw new Error(`expected one of ${ids.join(', ')} next, got ${job?.id}`);
      await job.moveToFailed(new Error('receiver said 500'), token, false);
    }
  } finally {
    await worker.close();
  }
}

const state = async (queue: Queue, id: string) => (await queue.getJob(id))!.getState();

describe('allowed actions', () => {
  it('retries one failed job, and all failed jobs of a queue', async () => {
    await webhooks.add('pushStatus', { n: 1 }, { jobId: 'hook-1' });
    await webhooks.add('pushStatus', { n: 2 }, { jobId: 'hook-2' });
    await webhooks.add('pushStatus', { n: 3 }, { jobId: 'hook-3' });
    await fail(webhooks, ['hook-1', 'hook-2', 'hook-3']);

    expect((await send(url, { method: 'PUT', path: '/api/queues/webhooks/hook-1/retry' })).status).toBe(401);
    expect(await state(webhooks, 'hook-1')).toBe('failed');
    const one = await send(url, { method: 'PUT', path: '/api/queues/webhooks/hook-1/retry', headers: good });
    expect(one.status).toBeLessThan(300);
    expect(await state(webhooks, 'hook-1')).toBe('waiting');

    expect((await send(url, { method: 'PUT', path: '/api/queues/webhooks/retry/failed' })).status).toBe(401);
    expect(await webhooks.getFailedCount()).toBe(2);
    const all = await send(url, { method: 'PUT', path: '/api/queues/webhooks/retry/failed', headers: good });
    expect(all.status).toBe(200);
    expect(JSON.parse(all.body)).toEqual({ retried: 2, skipped: 0 });
    expect([await state(webhooks, 'hook-2'), await state(webhooks, 'hook-3')]).toEqual(['waiting', 'waiting']);
  });

  it('promotes one delayed job, and all delayed jobs of a queue', async () => {
    for (const id of ['later-1', 'later-2', 'later-3'])
      await webhooks.add('pushStatus', {}, { jobId: id, delay: 3_600_000 });
    expect((await send(url, { method: 'PUT', path: '/api/queues/webhooks/later-1/promote' })).status).toBe(401);
    expect(await state(webhooks, 'later-1')).toBe('delayed');
    expect(
      (await send(url, { method: 'PUT', path: '/api/queues/webhooks/later-1/promote', headers: good })).status,
    ).toBeLessThan(300);
    expect(await state(webhooks, 'later-1')).toBe('waiting');

    expect((await send(url, { method: 'PUT', path: '/api/queues/webhooks/promote' })).status).toBe(401);
    expect(await webhooks.getDelayedCount()).toBe(2);
    expect(
      (await send(url, { method: 'PUT', path: '/api/queues/webhooks/promote', headers: good })).status,
    ).toBeLessThan(300);
    expect(await webhooks.getDelayedCount()).toBe(0);
  });

  it('pauses and resumes one queue, in any spelling Express routes there', async () => {
    expect((await send(url, { method: 'PUT', path: '/api/queues/webhooks/pause' })).status).toBe(401);
    expect(await webhooks.isPaused()).toBe(false);
    for (const [pause, resume] of [
      ['/api/queues/webhooks/pause', '/api/queues/webhooks/resume'],
      ['/API/Queues/webhooks/PAUSE/', '/api/QUEUES/%77ebhooks/Resume/'],
    ]) {
      expect((await send(url, { method: 'PUT', path: pause!, headers: good })).status).toBeLessThan(300);
      expect(await webhooks.isPaused()).toBe(true);
      expect((await send(url, { method: 'PUT', path: resume!, headers: good })).status).toBeLessThan(300);
      expect(await webhooks.isPaused()).toBe(false);
    }
  });

  it('pauses and resumes every queue at once', async () => {
    expect((await send(url, { method: 'PUT', path: '/api/queues/pause' })).status).toBe(401);
    expect((await send(url, { method: 'PUT', path: '/api/queues/pause', headers: good })).status).toBeLessThan(300);
    expect(await Promise.all(queues.map((q) => q.isPaused()))).toEqual(queues.map(() => true));
    expect((await send(url, { method: 'PUT', path: '/api/queues/resume', headers: good })).status).toBeLessThan(300);
    expect(await Promise.all(queues.map((q) => q.isPaused()))).toEqual(queues.map(() => false));
  });
});

describe('failed logins', () => {
  const wrong = basicAuthHeader(AUTH.user, 'guess');
  const get = (localAddress: string, headers: Record<string, string> = {}, path = '/api/queues') =>
    send(url, { method: 'GET', path, headers, localAddress });

  it(`refuses an address for a while after ${LOGIN_LIMITS.maxFailures} wrong passwords, and only that address`, async () => {
    const attacker = '127.0.0.3';
    for (let i = 0; i < LOGIN_LIMITS.maxFailures; i++) expect((await get(attacker, wrong)).status).toBe(401);
    const refused = await get(attacker, wrong);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    // While refused, the right password does not tell a right guess from a wrong one, and
    // X-Forwarded-For is not believed.
    expect((await get(attacker, good)).status).toBe(429);
    expect((await get(attacker)).status).toBe(429);
    expect((await get(attacker, { ...wrong, 'x-forwarded-for': '198.51.100.9' })).status).toBe(429);
    expect((await get(attacker, {}, '/healthz')).status).toBe(200);
    // Operators are told once, when the address reaches the limit, not on every refused request.
    expect(blocked.map(([address]) => address)).toEqual([attacker]);
    expect(blocked[0]![1]).toBeGreaterThanOrEqual(retryAfter);

    const other = '127.0.0.4';
    expect((await get(other, wrong)).status).toBe(401);
    expect((await get(other, good)).status).toBe(200);
  });

  it('counts neither requests without credentials nor successful logins', async () => {
    const browser = '127.0.0.5';
    for (let i = 0; i < LOGIN_LIMITS.maxFailures * 2; i++) expect((await get(browser)).status).toBe(401);
    expect((await get(browser, good)).status).toBe(200);

    const operator = '127.0.0.6';
    for (let i = 0; i < LOGIN_LIMITS.maxFailures - 1; i++) expect((await get(operator, wrong)).status).toBe(401);
    for (let i = 0; i < 20; i++) expect((await get(operator, good)).status).toBe(200);
    // The tenth failure is still answered; successes did not reset the count either.
    expect((await get(operator, wrong)).status).toBe(401);
    expect((await get(operator, good)).status).toBe(429);
  });
});
