import { ConfigError, describeRedisTarget, loadConfig, parseHostList } from '../src';

// The dashboard's view of the configuration: no tenants needed, so only the Redis variables matter here.
const load = (env: Record<string, string>) => loadConfig(env, { requireTenants: false });

describe('which Redis', () => {
  test("nothing set: REDIS_URL's default, by URL", () => {
    expect(load({}).redis).toEqual({ kind: 'url', url: 'redis://127.0.0.1:6379' });
    // Compose passes unset variables as empty strings: they choose nothing.
    expect(load({ REDIS_URL: '', REDIS_SENTINELS: ' ', REDIS_CLUSTER_NODES: '' }).redis).toEqual({
      kind: 'url',
      url: 'redis://127.0.0.1:6379',
    });
  });

  test("Sentinel: the Sentinels, the primary's name, both passwords", () => {
    expect(
      load({
        REDIS_SENTINELS: 's1:26379, 10.0.0.2:26380,[::1]:26381',
        REDIS_SENTINEL_NAME: 'bridge-primary',
        REDIS_PASSWORD: ' p w ',
        REDIS_SENTINEL_PASSWORD: 'sp',
      }).redis,
    ).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
        { host: '::1', port: 26381 },
      ],
      name: 'bridge-primary',
      password: ' p w ',
      sentinelPassword: 'sp',
    });
  });

  test("Cluster: the seed nodes and the nodes' password", () => {
    expect(load({ REDIS_CLUSTER_NODES: 'n1:6379,n2:6379', REDIS_PASSWORD: 'pw' }).redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'n1', port: 6379 },
        { host: 'n2', port: 6379 },
      ],
      password: 'pw',
    });
  });

  test('a URL and a separate password, unless the URL has one already', () => {
    expect(load({ REDIS_URL: 'redis://r:6379/2', REDIS_PASSWORD: 'pw' }).redis).toEqual({
      kind: 'url',
      url: 'redis://r:6379/2',
      password: 'pw',
    });
    expect(() => load({ REDIS_URL: 'redis://:inurl@r:6379', REDIS_PASSWORD: 'pw' })).toThrow(
      /REDIS_PASSWORD: REDIS_URL holds a password too/,
    );
  });

  test('two ways chosen at once are refused, naming both, whichever they are', () => {
    expect(() => load({ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm' })).toThrow(
      /REDIS_URL and REDIS_SENTINELS: set only one of/,
    );
    expect(() => load({ REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER_NODES: 'n:6379' })).toThrow(
      /REDIS_SENTINELS and REDIS_CLUSTER_NODES/,
    );
    expect(() => load({ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'n:6379' })).toThrow(ConfigError);
  });

  test('Sentinel needs its name; the Sentinel variables alone mean nothing and are refused', () => {
    expect(() => load({ REDIS_SENTINELS: 's:26379' })).toThrow(/REDIS_SENTINEL_NAME: required with REDIS_SENTINELS/);
    expect(() => load({ REDIS_SENTINEL_NAME: 'm' })).toThrow(
      /REDIS_SENTINEL_NAME: only means something with REDIS_SENTINELS/,
    );
    expect(() => load({ REDIS_CLUSTER_NODES: 'n:6379', REDIS_SENTINEL_PASSWORD: 'x' })).toThrow(
      /REDIS_SENTINEL_PASSWORD: only means something/,
    );
    expect(() => load({ REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'has space' })).toThrow(
      /REDIS_SENTINEL_NAME: must be the Sentinel's name/,
    );
  });

  test('host lists: port required and in range, no repeats, a bounded length', () => {
    for (const bad of [
      's1',
      's1:',
      's1:0',
      's1:65536',
      ':26379',
      'a b:1',
      'http://s1:26379',
      '::1:26379',
      's1:1,s1:1',
    ]) {
      expect(() => load({ REDIS_CLUSTER_NODES: bad })).toThrow(/REDIS_CLUSTER_NODES: /);
    }
    expect(parseHostList(Array.from({ length: 33 }, (_, i) => `n${i}:6379`).join(','))).toEqual({
      ok: false,
      message: 'lists 33 hosts; at most 32',
    });
    expect(parseHostList('x'.repeat(10000))).toMatchObject({ ok: false });
  });

  test("replica acknowledgement: a count and a timeout that stays under the request path's command timeout", () => {
    expect(load({}).env).toMatchObject({ REDIS_MIN_REPLICAS_ACK: 0, REDIS_REPLICA_ACK_TIMEOUT_MS: 1000 });
    expect(load({ REDIS_MIN_REPLICAS_ACK: '2', REDIS_REPLICA_ACK_TIMEOUT_MS: '250' }).env).toMatchObject({
      REDIS_MIN_REPLICAS_ACK: 2,
      REDIS_REPLICA_ACK_TIMEOUT_MS: 250,
    });
    expect(() => load({ REDIS_MIN_REPLICAS_ACK: '-1' })).toThrow(/REDIS_MIN_REPLICAS_ACK: must be a whole number/);
    expect(() => load({ REDIS_REPLICA_ACK_TIMEOUT_MS: '5000' })).toThrow(
      /REDIS_REPLICA_ACK_TIMEOUT_MS: must be at most 4000/,
    );
    expect(() => load({ REDIS_REPLICA_ACK_TIMEOUT_MS: '5' })).toThrow(
      /REDIS_REPLICA_ACK_TIMEOUT_MS: must be a whole number >= 10/,
    );
  });

  test('described for a person without any password', () => {
    expect(describeRedisTarget({ kind: 'url', url: 'redis://:secret@r:6379/1' })).toBe('redis://:***@r:6379/1');
    expect(
      describeRedisTarget(
        load({ REDIS_SENTINELS: 's1:26379,[::1]:26380', REDIS_SENTINEL_NAME: 'm', REDIS_PASSWORD: 'secret' }).redis,
      ),
    ).toBe('Sentinel s1:26379,[::1]:26380, primary "m"');
    expect(describeRedisTarget(load({ REDIS_CLUSTER_NODES: 'n1:7000', REDIS_PASSWORD: 'secret' }).redis)).toBe(
      'Redis Cluster n1:7000',
    );
  });
});
