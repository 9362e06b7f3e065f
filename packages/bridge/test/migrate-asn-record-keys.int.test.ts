import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { isolatedRedisUrl } from '@bridge/testkit';
import { AsnStore } from '../src/asn/asn-state';
import { keys, legacyAsnRecordPrefix } from '../src/state/keys';
import { migrateAsnRecordKeys } from '../src/state/migrate-asn-record-keys';

// ASN records used to share the `{bridge}:asn:` prefix with the asn queue's BullMQ keys; a worker start moves them.
let redis: Redis;
let redisUrl: string;
beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = new Redis(redisUrl);
});
afterAll(() => redis.disconnect());
beforeEach(() => redis.flushdb());

test('records written under the old key move to their own kind, once; BullMQ keys under the old prefix stay', async () => {
  const old = (tenant: string, asn: string) => `${legacyAsnRecordPrefix(tenant)}${asn}`;
  await redis.hset(old('shop:1', 'ASN:7'), {
    phase: 'created',
    version: '3',
    asnNumber: 'ASN:7',
    warehouseCode: 'USWH1',
  });
  await redis.hset(old('repeat', 'x'), { name: 'not a record' }); // the shape of a BullMQ scheduler hash
  await redis.set(old('repeat', 'y'), 'a string');
  const queue = new Queue('asn', { connection: { url: redisUrl }, prefix: '{bridge}' });
  await queue.add('createAsn', { n: 1 }, { jobId: 'createAsn-t-A' });
  const before = (await redis.keys('{bridge}:asn:*')).sort();

  expect(await migrateAsnRecordKeys(redis, ['shop:1', 'repeat'])).toBe(1);
  expect(await redis.exists(old('shop:1', 'ASN:7'))).toBe(0);
  const moved = await new AsnStore(redis).get('shop:1', 'ASN:7');
  expect(moved).toMatchObject({ phase: 'created', version: 3 });
  expect((await redis.keys('{bridge}:asn:*')).sort()).toEqual(before.filter((k) => k !== old('shop:1', 'ASN:7')));
  expect(await queue.getJob('createAsn-t-A')).toBeDefined();

  // Once per Redis: a record written under the old name later (an old worker still running) is not looked for again.
  await redis.hset(old('shop:1', 'ASN:8'), { phase: 'created', version: '1' });
  expect(await migrateAsnRecordKeys(redis, ['shop:1'])).toBe(0);
  await queue.close();
});

test('a record already at its new name is not overwritten', async () => {
  await redis.hset(keys.asn('t', 'A'), { phase: 'received', version: '5' });
  await redis.hset(`${legacyAsnRecordPrefix('t')}A`, { phase: 'created', version: '1' });
  expect(await migrateAsnRecordKeys(redis, ['t'])).toBe(0);
  expect(await redis.hget(keys.asn('t', 'A'), 'version')).toBe('5');
});
