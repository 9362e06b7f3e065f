import { Redis } from 'ioredis';
import { eventually, startBridge, startRedisServer, type BridgeHarness, type PrivateRedis } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

// Issue 23: Redis at its maxmemory (noeviction) refuses writes. The ingress must then answer 503 (Qianyi retries),
// never 500 nor a success it could not store; and every order it did acknowledge is created at eTower, once, when
// Redis has room again.
let redis: PrivateRedis;
let client: Redis;
let bridge: BridgeHarness;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url);
  bridge = await startBridge({ redisUrl: redis.url, bridgeEnv: { SYNC_WAIT_MS: '0' } });
});
afterAll(async () => {
  await bridge?.stop();
  client?.disconnect();
  await redis?.stop();
});

const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0);

test('a full Redis: 503 to every call it cannot store, and nothing acknowledged is lost', async () => {
  // Room for a few hundred orders beyond what the running bridge holds now.
  await client.config('SET', 'maxmemory', String((await usedMemory()) + 1_500_000));
  const answers: Array<{ n: string; status: number; success: boolean }> = [];
  let refused = 0;
  for (let i = 0; i < 5000 && refused < 20; i += 10) {
    const batch = Array.from({ length: 10 }, () => orderNumber('FULL'));
    for (const [j, res] of (await Promise.all(batch.map((n) => bridge.call('createOrder', order(n))))).entries()) {
      answers.push({ n: batch[j]!, status: res.status, success: res.body?.success === true });
      if (res.status === 503) refused++;
    }
  }
  expect(refused).toBeGreaterThanOrEqual(20);
  expect(answers.filter((a) => !(a.status === 503 || (a.status === 200 && a.success)))).toEqual([]);

  await client.config('SET', 'maxmemory', '0');
  const acknowledged = answers.filter((a) => a.success).map((a) => a.n);
  expect(acknowledged.length).toBeGreaterThan(0);
  const stats = await eventually(
    async () => {
      const s = await etowerStats(bridge);
      return acknowledged.every((n) => s.ordersCreated[n]) ? s : undefined;
    },
    60000,
    500,
  );
  expect(acknowledged.filter((n) => stats.ordersCreated[n] !== 1)).toEqual([]);
});
