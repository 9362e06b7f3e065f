import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { coalesceWrites } from '../src/coalesce-writes';
import { createRedis } from '../src/redis';
import { luaScript } from '../src/script';

// What the wrapper is for: the commands a turn of the event loop issues leave in one system call. Counted at the
// socket's own _write/_writev (each is one write to the kernel), on a real Redis, replies checked one by one.
let url: string;
const connections: Redis[] = [];
beforeAll(async () => {
  url = await isolatedRedisUrl();
});
afterAll(() => {
  for (const c of connections) c.disconnect();
});

async function connect(coalesce: boolean): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  connections.push(redis);
  if (coalesce) coalesceWrites(redis);
  await redis.ping();
  return redis;
}

/** Counts the socket's writes to the kernel from now on (the stream is looked up anew after a reconnect). */
function countWrites(redis: Redis): { calls: number } {
  const counter = { calls: 0 };
  const socket = redis.stream as Socket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  const write = socket._write;
  const writev = socket._writev;
  socket._write = function (...a: unknown[]) {
    counter.calls += 1;
    return write.apply(this, a);
  };
  socket._writev = function (...a: unknown[]) {
    counter.calls += 1;
    return writev.apply(this, a);
  };
  return counter;
}

const incrTwice = luaScript<number>("redis.call('INCR', KEYS[1]); return redis.call('INCR', KEYS[1])", 1);

test('commands issued in one turn of the event loop go out in one write, and every reply reaches its caller', async () => {
  const redis = await connect(true);
  await incrTwice(redis, 'c:loaded'); // the script's first call loads it (EVALSHA refused, then EVAL): a write of its own
  const writes = countWrites(redis);
  const replies = await Promise.all([
    redis.set('c:a', 'first'),
    incrTwice(redis, 'c:n'),
    redis.get('c:a'),
    redis.pipeline().incr('c:n').get('c:n').exec(),
    ...Array.from({ length: 20 }, (_, i) => redis.set(`c:k${i}`, String(i))),
  ]);
  expect(replies.slice(0, 4)).toEqual([
    'OK',
    2,
    'first',
    [
      [null, 3],
      [null, '3'],
    ],
  ]);
  expect(replies.slice(4).every((r) => r === 'OK')).toBe(true);
  expect(writes.calls).toBe(1);
});

test('without it, the same commands take one write each (what the test above guards against)', async () => {
  const redis = await connect(false);
  const writes = countWrites(redis);
  await Promise.all(Array.from({ length: 10 }, (_, i) => redis.set(`p:k${i}`, String(i))));
  expect(writes.calls).toBe(10);
});

test('commands issued after an await go out in a later write of their own: nothing waits for a batch in flight', async () => {
  const redis = await connect(true);
  const writes = countWrites(redis);
  const first = redis.set('s:a', '1');
  const second = first.then(() => redis.get('s:a'));
  expect(await second).toBe('1');
  expect(writes.calls).toBe(2);
});

test('a reconnected connection coalesces again and answers correctly', async () => {
  const redis = await connect(true);
  const old = redis.stream;
  const reconnected = new Promise((resolve) => redis.once('ready', resolve));
  const id = String(await redis.client('ID'));
  await redis.client('KILL', 'ID', id, 'SKIPME', 'no').catch(() => undefined);
  await reconnected;
  expect(redis.stream).not.toBe(old);
  const writes = countWrites(redis);
  const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => redis.incrby('r:n', i + 1)));
  expect(replies).toEqual([1, 3, 6, 10, 15]);
  expect(writes.calls).toBe(1);
});

test('createRedis applies it when asked, and only then', async () => {
  for (const [coalesce, expected] of [
    [true, 1],
    [false, 6],
  ] as const) {
    const redis = createRedis(url, 'worker', { coalesceWrites: coalesce });
    connections.push(redis);
    await redis.ping();
    const writes = countWrites(redis);
    await Promise.all(Array.from({ length: 6 }, (_, i) => redis.set(`w:${coalesce}:${i}`, '1')));
    expect(writes.calls).toBe(expected);
  }
});

test('commands held for the turn when the connection drops fail to their callers, none hangs or runs later', async () => {
  // As the ingress's request path runs: no offline queue, one retry at most; here no reconnect either.
  const redis = createRedis(url, 'request-path', { coalesceWrites: true, retryStrategy: () => null });
  connections.push(redis);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const held = [redis.set('d:a', '1'), redis.set('d:b', '1')].map((p) =>
    p.then(
      () => 'answered',
      (err: Error) => err.message,
    ),
  );
  redis.stream.destroy();
  const outcomes = await Promise.all(held);
  expect(outcomes.every((o) => o !== 'answered')).toBe(true);
  const other = new Redis(url);
  connections.push(other);
  expect(await other.exists('d:a', 'd:b')).toBe(0);
});
