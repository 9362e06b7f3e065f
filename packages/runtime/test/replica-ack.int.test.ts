import { Redis } from 'ioredis';
import { startRedisCluster, startRedisServer, type PrivateRedis, type RedisCluster } from '@bridge/testkit';
import { Queue } from 'bullmq';
import { KEY_PREFIX, createRedis } from '../src/redis';
import { REPLICATION_PROBE_KEY, ReplicaAck, ReplicasNotConfirmedError } from '../src/replica-ack';

// WAIT against a real primary and replica. A replica stopped with SIGSTOP keeps its connection but acknowledges
// nothing: what a replica that has fallen behind looks like to the primary.
let primary: PrivateRedis;
let replica: PrivateRedis;
const clients: Redis[] = [];
// The request path's connection, as the ingress has it (no offline queue: used once ready).
async function connect(): Promise<Redis> {
  const c = createRedis(primary.url, 'request-path');
  clients.push(c);
  if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve));
  return c;
}

// The cluster of the last block takes most of this file's time, nearly all of it waiting (redis-cli joining the
// nodes, cluster_state:ok, replicas in sync): it is started first, and comes up while the other tests run.
let clusterStarting: Promise<RedisCluster> | undefined;

beforeAll(async () => {
  clusterStarting = startRedisCluster({ primaries: 3, replicasPerPrimary: 1 });
  // A failure is reported by the block that awaits it, not as an unhandled rejection before then.
  clusterStarting.catch(() => undefined);
  primary = await startRedisServer();
  replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  const probe = new Redis(replica.url);
  for (let i = 0; !/master_link_status:up/.test(await probe.info('replication')); i++) {
    if (i > 200) throw new Error('replica never in sync');
    await new Promise((r) => setTimeout(r, 50));
  }
  probe.disconnect();
});
afterAll(async () => {
  // Stopped here too: the cluster's own block may never have run (a filtered run, a failed beforeAll).
  await (await clusterStarting?.catch(() => undefined))?.stop();
  for (const c of clients) c.disconnect();
  if (replica?.pid) process.kill(replica.pid, 'SIGCONT');
  await Promise.all([replica?.stop(), primary?.stop()]);
});

async function waitCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return Number(/cmdstat_wait:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

async function withReplicaStopped<T>(run: () => Promise<T>): Promise<T> {
  process.kill(replica.pid!, 'SIGSTOP');
  try {
    return await run();
  } finally {
    process.kill(replica.pid!, 'SIGCONT');
  }
}

test('a write is confirmed once the replica holds it, and the probe key is what was written', async () => {
  const redis = await connect();
  const ack = new ReplicaAck(redis, 1, 2000);
  await redis.set(`${KEY_PREFIX}:t:1`, 'v');
  expect(await ack.confirm()).toEqual({ ok: true, acked: 1 });
  await expect(ack.require()).resolves.toBeUndefined();
  const onReplica = new Redis(replica.url);
  clients.push(onReplica);
  expect(Number(await onReplica.get(REPLICATION_PROBE_KEY))).toBeGreaterThan(0);
});

test('a replica that does not answer in time: not confirmed, require() throws naming the figures', async () => {
  const redis = await connect();
  const ack = new ReplicaAck(redis, 1, 300);
  await withReplicaStopped(async () => {
    await redis.set(`${KEY_PREFIX}:t:2`, 'v');
    expect(await ack.confirm()).toEqual({ ok: false, acked: 0, wanted: 1 });
    const err = await ack.require().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplicasNotConfirmedError);
    expect((err as Error).message).toBe('only 0 of the 1 Redis replica(s) required confirmed the write within 300 ms');
  });
  expect(await ack.confirm()).toEqual({ ok: true, acked: 1 });
});

test('it vouches for writes made on other connections too (a retry whose record another process wrote)', async () => {
  const writer = await connect();
  const answerer = await connect();
  const ack = new ReplicaAck(answerer, 1, 300);
  await withReplicaStopped(async () => {
    await writer.set(`${KEY_PREFIX}:t:3`, 'written elsewhere');
    // A bare WAIT on `answerer`, which wrote nothing, would count the stopped replica as up to date.
    expect(await ack.confirm()).toEqual({ ok: false, acked: 0, wanted: 1 });
  });
});

test('fifty concurrent confirmations share at most two WAITs; with 0 replicas none is sent', async () => {
  const redis = await connect();
  await redis.config('RESETSTAT');
  const ack = new ReplicaAck(redis, 1, 2000);
  const results = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      await redis.set(`${KEY_PREFIX}:t:c${i}`, 'v');
      return ack.confirm();
    }),
  );
  expect(results.every((r) => r.ok)).toBe(true);
  expect(await waitCalls(redis)).toBeLessThanOrEqual(2);
  expect(await waitCalls(redis)).toBeGreaterThanOrEqual(1);

  await redis.config('RESETSTAT');
  const none = new ReplicaAck(redis, 0, 2000);
  expect(await none.confirm()).toEqual({ ok: true, acked: 0 });
  expect(await waitCalls(redis)).toBe(0);
});

test('callers arriving while a WAIT is in flight are not answered by it: they share the next one', async () => {
  const redis = await connect();
  const observer = await connect();
  await redis.config('RESETSTAT');
  const ack = new ReplicaAck(redis, 1, 3000);
  let first: Promise<unknown> | undefined;
  let later: Promise<unknown>[] = [];
  await withReplicaStopped(async () => {
    first = ack.confirm();
    // The first WAIT is in Redis, blocked on the stopped replica; what is written now, it may not vouch for.
    for (let i = 0; !/blocked_clients:1/.test(await observer.info('clients')); i++) {
      if (i > 200) throw new Error('the first WAIT never blocked');
      await new Promise((r) => setTimeout(r, 10));
    }
    await observer.set(`${KEY_PREFIX}:t:late`, 'v');
    later = [ack.confirm(), ack.confirm()];
  });
  expect(await first).toEqual({ ok: true, acked: 1 });
  expect(await Promise.all(later)).toEqual([
    { ok: true, acked: 1 },
    { ok: true, acked: 1 },
  ]);
  expect(await waitCalls(observer)).toBe(2);
});

describe('on a Redis Cluster (three primaries, one replica each)', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await clusterStarting!;
  }, 60000);

  test("BullMQ and the bridge's keys work through createRedis, and WAIT goes to the primary holding the hash tag", async () => {
    const nodes = cluster.nodeList.split(',').map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) }));
    const redis = createRedis({ kind: 'cluster', nodes }, 'worker');
    clients.push(redis);
    const queue = new Queue('orders', { connection: redis, prefix: KEY_PREFIX });
    try {
      const job = await queue.add('createOrder', { n: 1 }, { jobId: 'cluster-job-1' });
      expect((await queue.getJob(job.id!))?.data).toEqual({ n: 1 });
      const ack = new ReplicaAck(redis, 1, 2000);
      expect(await ack.confirm()).toEqual({ ok: true, acked: 1 });
      // Two is more than any primary of this cluster has: the WAIT ran on a primary (a replica would refuse it).
      expect(await new ReplicaAck(redis, 2, 200).confirm()).toEqual({ ok: false, acked: 1, wanted: 2 });
    } finally {
      await queue.close();
    }
  }, 60000);
});
