import { Redis } from 'ioredis';
import { eventually, startBridge, startRedisServer, type BridgeHarness, type PrivateRedis } from '@bridge/testkit';

// /readyz is on the public port: what a caller without credentials can make the ingress ask of Redis (issue 21's
// "a caller without credentials must cost nothing"). A Redis of this file's own, so that its PING count is ours.
let redis: PrivateRedis;
let admin: Redis;
let bridge: BridgeHarness;
beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  bridge = await startBridge({ workers: 0, redisUrl: redis.url });
});
afterAll(async () => {
  if (redis?.pid) process.kill(redis.pid, 'SIGCONT'); // a failed hang test must not leave Redis stopped
  admin?.disconnect();
  await bridge?.stop();
  await redis?.stop();
});

/** PINGs the Redis server has answered since the last CONFIG RESETSTAT. */
const pings = async () => Number(/cmdstat_ping:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
const readyz = async () => (await fetch(`${bridge.ingressUrl}/readyz`)).status;
const burst = (n: number) => Promise.all(Array.from({ length: n }, readyz));

test('200 concurrent /readyz calls share one PING, and a steady stream of calls costs one PING a second', async () => {
  await admin.config('RESETSTAT');
  // Nothing has asked /readyz yet (the harness waits on other signs of life), so no answer is cached.
  expect(await burst(200)).toEqual(Array(200).fill(200));
  expect(await pings()).toBe(1);

  await admin.config('RESETSTAT');
  const started = Date.now();
  let calls = 0;
  while (Date.now() - started < 2500) calls += (await burst(20)).length;
  const elapsed = Date.now() - started;
  // The answer is reused for a second, then asked again: not one PING per call, nor one forever.
  expect(calls).toBeGreaterThan(100);
  expect(await pings()).toBeGreaterThanOrEqual(2);
  expect(await pings()).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 1);
});

test('a Redis that stops answering (connection still open) is not-ready within the cache window and the PING deadline', async () => {
  await eventually(async () => (await readyz()) === 200);
  await admin.config('RESETSTAT');
  process.kill(redis.pid!, 'SIGSTOP');
  const stopped = Date.now();
  try {
    await eventually(async () => (await readyz()) === 503, 5000, 50);
    // Up to 1 s on a cached "ready", then 1 s waiting on the PING that is not answered.
    expect(Date.now() - stopped).toBeLessThan(2500);
    // Calls during the hang wait on the one unanswered PING instead of sending more.
    expect(await burst(50)).toEqual(Array(50).fill(503));
  } finally {
    process.kill(redis.pid!, 'SIGCONT');
  }
  await eventually(async () => (await readyz()) === 200, 15000, 50);
  // The hung PING (and perhaps one sent after ioredis's command timeout gave up on it), not one per call.
  expect(await pings()).toBeLessThanOrEqual(3);
});
