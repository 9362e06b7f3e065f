import { Redis } from 'ioredis';
import { eventually, isolatedRedisUrl } from '@bridge/testkit';
import { runExclusive } from '../src/state/exclusive';

let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

test('two overlapping runs under one key: the second is refused; after the first, the key is free again', async () => {
  let release!: () => void;
  const first = runExclusive(
    redis,
    'k',
    5000,
    () =>
      new Promise<string>((r) => {
        release = () => r('first');
      }),
  );
  await eventually(async () => (await redis.exists('k')) === 1, 5000, 5);
  expect(await runExclusive(redis, 'k', 5000, async () => 'second')).toEqual({ locked: false });
  release();
  expect(await first).toEqual({ locked: true, value: 'first' });
  expect(await runExclusive(redis, 'k', 5000, async () => 'third')).toEqual({ locked: true, value: 'third' });
});

test('a holder that died: the lock expires by itself', async () => {
  await redis.set('dead', 'someone', 'PX', 100);
  expect(await runExclusive(redis, 'dead', 5000, async () => 1)).toEqual({ locked: false });
  await eventually(async () => (await redis.exists('dead')) === 0, 5000, 10);
  expect(await runExclusive(redis, 'dead', 5000, async () => 2)).toEqual({ locked: true, value: 2 });
});

test('a failing run releases the lock', async () => {
  await expect(
    runExclusive(redis, 'f', 5000, async () => {
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await redis.exists('f')).toBe(0);
});

test('a run longer than the lock keeps it: the lock is renewed while the run goes on', async () => {
  let finish!: () => void;
  const long = runExclusive(
    redis,
    'long',
    300,
    () =>
      new Promise<string>((r) => {
        finish = () => r('done');
      }),
  );
  // Four renewals (a third of the lock's life apart) outlast the lock's first 300 ms several times over.
  let renewals = 0;
  let last = Infinity;
  await eventually(
    async () => {
      const ttl = await redis.pttl('long');
      if (ttl > last) renewals += 1;
      last = ttl;
      return renewals >= 4;
    },
    10000,
    10,
  );
  expect(await runExclusive(redis, 'long', 300, async () => 'other')).toEqual({ locked: false });
  finish();
  expect(await long).toEqual({ locked: true, value: 'done' });
});
