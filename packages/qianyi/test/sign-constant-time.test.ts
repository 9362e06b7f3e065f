// The sign is compared in constant time: every comparison of a candidate digest with the given sign goes through
// crypto.timingSafeEqual, a wrong length included (shown by counting the calls, not by measuring time).
// Native ESM: the mock must be registered before the module under test is imported (import.meta.jest).
const mocker = (import.meta as unknown as { jest: { unstable_mockModule(name: string, factory: () => unknown): void } })
  .jest;
const calls: Array<[Buffer, Buffer]> = [];
const real = await import('node:crypto');
mocker.unstable_mockModule('node:crypto', () => ({
  ...real,
  timingSafeEqual: (a: Buffer, b: Buffer) => {
    calls.push([a, b]);
    return real.timingSafeEqual(a, b);
  },
}));
const { computeSign, verifySign } = await import('../src/sign');

beforeEach(() => {
  calls.length = 0;
});
const input = (sign: string) => ({ accessId: 'AID', content: '{"orderNumber":"A1"}', sign, secretKey: 'secret' });

test('a matching sign is found through timingSafeEqual', () => {
  expect(verifySign(input(computeSign('AID', '{"orderNumber":"A1"}', 'secret')))).toEqual({
    ok: true,
    candidate: 'fastjson',
  });
  expect(calls.length).toBeGreaterThanOrEqual(1);
});

test('a wrong sign is compared in constant time against every candidate', () => {
  expect(verifySign(input('f'.repeat(40)))).toEqual({ ok: false });
  // Candidates that coincide (no '/' or non-ASCII here) are hashed once, so at least one call.
  expect(calls.length).toBeGreaterThanOrEqual(1);
  for (const [a, b] of calls) expect(a.length).toBe(b.length);
});

test('a sign of the wrong length still costs a timingSafeEqual call', () => {
  expect(verifySign(input('abc'))).toEqual({ ok: false });
  expect(calls.length).toBeGreaterThanOrEqual(1);
});
