import { LoginLimiter, clientKey } from '../src/login-limiter';

const WINDOW = 300_000;

function limiter(overrides: { maxFailures?: number; maxAddresses?: number } = {}) {
  let now = 1_000_000;
  const l = new LoginLimiter({
    maxFailures: overrides.maxFailures ?? 3,
    windowMs: WINDOW,
    maxAddresses: overrides.maxAddresses ?? 100,
    now: () => now,
  });
  return {
    l,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('failed-login limiter', () => {
  it('blocks an address at the limit, with the seconds left in its window', () => {
    const { l, advance } = limiter();
    l.recordFailure('1.2.3.4');
    advance(60_000);
    l.recordFailure('1.2.3.4');
    expect(l.check('1.2.3.4')).toEqual({ blocked: false });
    l.recordFailure('1.2.3.4');
    // The window started at the first failure: 300 s minus the 60 s gone.
    expect(l.check('1.2.3.4')).toEqual({ blocked: true, retryAfterSeconds: 240 });
    expect(l.check('1.2.3.5')).toEqual({ blocked: false });
  });

  it('lets the address in again once the window has passed, with a fresh count', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('a');
    advance(WINDOW - 1);
    expect(l.check('a')).toEqual({ blocked: true, retryAfterSeconds: 1 });
    advance(1);
    expect(l.check('a')).toEqual({ blocked: false });
    l.recordFailure('a');
    l.recordFailure('a');
    expect(l.check('a')).toEqual({ blocked: false });
  });

  it('keeps at most maxAddresses entries however many addresses fail', () => {
    const { l, advance } = limiter({ maxAddresses: 1000 });
    for (let i = 0; i < 50_000; i++) {
      l.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      if (i % 1000 === 0) advance(1);
    }
    expect(l.size).toBe(1000);
    // Expired windows make room before live ones are forgotten.
    advance(WINDOW);
    l.recordFailure('new');
    expect(l.size).toBe(1);
  });

  it('forgets the oldest live window first when full', () => {
    const { l, advance } = limiter({ maxFailures: 1, maxAddresses: 2 });
    l.recordFailure('first');
    advance(1);
    l.recordFailure('second');
    advance(1);
    l.recordFailure('third');
    expect([l.check('first').blocked, l.check('second').blocked, l.check('third').blocked]).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('client address key', () => {
  it('uses IPv4 addresses as they are, IPv4-mapped IPv6 as IPv4', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('counts IPv6 addresses per /64, however they are written', () => {
    const key = clientKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:eeee:dddd:cccc')).toBe(key);
    expect(clientKey('2001:DB8:1:2:0:0:0:9%eth0')).toBe(key);
    expect(clientKey('2001:db8:1:3::1')).not.toBe(key);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientKey('64:ff9b:1::192.0.2.1')).toBe('64:ff9b:1:0::/64');
    expect(clientKey('1:2::5:6:7:1.2.3.4')).toBe('1:2:0:5::/64');
  });
});
