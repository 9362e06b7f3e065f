import { parseBasicAuth } from '../src/basic-auth';
import { resolveCredentials } from '../src/credentials';
import type { Env } from '@bridge/config';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('basic auth parsing', () => {
  it('reads user and password, the password may contain colons', () => {
    expect(parseBasicAuth(basic('admin:pa:ss'))).toEqual({ user: 'admin', password: 'pa:ss' });
  });
  it('rejects missing, malformed and non-basic headers', () => {
    expect(parseBasicAuth(undefined)).toBeUndefined();
    expect(parseBasicAuth('Bearer abc')).toBeUndefined();
    expect(parseBasicAuth(basic('no-colon'))).toBeUndefined();
  });
});

describe('dashboard credentials', () => {
  const env = (vars: Partial<Env>) => vars as Env;
  it('are required outside the sandbox, naming what is missing', () => {
    const result = resolveCredentials(env({ DASHBOARD_USER: 'ops' }), false);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('DASHBOARD_PASSWORD') });
  });
  it('are used as given', () => {
    expect(resolveCredentials(env({ DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'pw' }), false)).toEqual({
      ok: true,
      credentials: { user: 'ops', password: 'pw' },
      generated: false,
    });
  });
  it('are generated in the sandbox when not given, never left open', () => {
    const result = resolveCredentials(env({}), true);
    expect(
      result.ok && result.generated && result.credentials.user === 'admin' && result.credentials.password.length >= 12,
    ).toBe(true);
  });
});
