import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src';

const single = {
  QIANYI_SECRET_KEY: 'sec',
  QIANYI_CALLBACK_BASE_URL: 'https://www.qianyierp.com/',
  QIANYI_WAREHOUSE_EXTRA_TYPE: 'ETOWER',
  ETOWER_BASE_URL: 'https://cfs-qa.etowertech.com',
  ETOWER_TOKEN: 't',
  ETOWER_KEY: 'k',
};

const load = (accessId: string) => loadConfig({ ...single, QIANYI_ACCESS_ID: accessId });
const refusal = (accessId: string): string => {
  try {
    load(accessId);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error(`accessId ${JSON.stringify(accessId)} was accepted`);
};

describe('accessId', () => {
  test("Qianyi's sample ids and any printable ASCII without spaces are accepted, trimmed", () => {
    for (const id of ['ibxakq31y', '3215435', 'QIANYI', 'test-access-id', 'shop:1', 'a%b{c}_d', '!~', 'x'.repeat(64)]) {
      expect(load(id).tenants[0]!.accessId).toBe(id);
    }
    expect(load('  acc  ').tenants[0]!.accessId).toBe('acc');
  });

  test('longer than 64 characters: refused with the length', () => {
    expect(refusal('x'.repeat(65))).toMatch(/accessId: must be at most 64 characters \(got 65\)/);
  });

  test.each([
    ['a space inside', 'shop 1', 'U+0020 at position 5'],
    ['a newline', 'shop\n1', 'U+000A at position 5'],
    ['a NUL', 'a\u0000', 'U+0000 at position 2'],
    ['a right-to-left override', 'shop\u202e1', 'U+202E at position 5'],
    ['a Cyrillic look-alike', 'shоp', 'U+043E at position 3'],
    ['an emoji', '💥', 'U+1F4A5 at position 1'],
  ])('%s: refused naming the character and where it is', (_, id, where) => {
    expect(refusal(id)).toContain(
      `accessId: may hold only printable ASCII without spaces (letters, digits, punctuation); found ${where}`,
    );
  });

  test('blank: required', () => {
    expect(() => load('   ')).toThrow(/QIANYI_ACCESS_ID/);
  });
});

test('in a tenants file the refusal names the tenant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-access-id-'));
  try {
    const tenant = (accessId: string) => ({
      accessId,
      secretKey: 's',
      qianyi: { callbackBaseUrl: 'https://www.qianyierp.com', warehouseExtraType: 'X' },
      etower: { baseUrl: 'https://b2b.etowertech.com', token: 't', key: 'k' },
    });
    const file = join(dir, 'tenants.json');
    writeFileSync(file, JSON.stringify({ tenants: [tenant('ok'), tenant('two words')] }));
    expect(() => loadConfig({ BRIDGE_TENANTS_FILE: file })).toThrow(
      /tenants\.1\.accessId: may hold only printable ASCII without spaces .*found U\+0020 at position 4/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
