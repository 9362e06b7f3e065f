import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { luaScript } from '@bridge/runtime';

// A connection may batch its commands with ioredis auto-pipelining (the ingress did until 2026-11-21). A batch
// is a pipeline that copies the connection's defined commands when it is opened, so a script defined lazily on
// the connection while a batch was open was missing from it: the call failed and ioredis then crashed the
// process on the misaligned replies. Scripts must work whenever they are first called.
const echoKeyAndArg = luaScript("return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}", 1);

let url: string;
const connections: Redis[] = [];
beforeAll(async () => {
  url = await isolatedRedisUrl();
});
afterAll(() => {
  for (const c of connections) c.disconnect();
});

function connect(autoPipelining: boolean): Redis {
  const redis = new Redis(url, { enableAutoPipelining: autoPipelining });
  connections.push(redis);
  return redis;
}

test('first call of a script in the same tick as other commands on an auto-pipelined connection', async () => {
  const redis = connect(true);
  await redis.ping();
  const results = await Promise.all([
    redis.set('before', '1'),
    echoKeyAndArg(redis, 'counter-a', 'x'),
    redis.get('before'),
    echoKeyAndArg(redis, 'counter-a', 'y'),
  ]);
  expect(results).toEqual(['OK', ['counter-a', 'x', 1], '1', ['counter-a', 'y', 2]]);
});

test('a script Redis has never seen (after SCRIPT FLUSH) is loaded again, on plain and auto-pipelined connections', async () => {
  for (const redis of [connect(false), connect(true)]) {
    await redis.script('FLUSH');
    const [a, b] = await Promise.all([echoKeyAndArg(redis, 'counter-b', 'p'), redis.incr('counter-b')]);
    expect(a).toEqual(['counter-b', 'p', expect.any(Number)]);
    expect(typeof b).toBe('number');
  }
});

test('an error raised by the script itself reaches the caller unchanged', async () => {
  const failing = luaScript("return redis.error_reply('bad thing')", 0);
  await expect(failing(connect(true))).rejects.toThrow('bad thing');
});
