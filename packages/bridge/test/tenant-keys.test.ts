import { jobId, perTenantId, tenantOfJobId } from '../src/jobs/job-id';
import { keys, legacyAsnRecordPrefix } from '../src/state/keys';
import { SHARED_KEY_KINDS, TENANT_KEYS, TENANT_KEY_KINDS, tenantKeyMatcher } from '../src/state/tenant-keys';

// The enumeration of a tenant's keys that forgetting a tenant deletes (state/tenant-keys.ts): every per-tenant kind
// of `keys` is in it, and a tenant's matcher finds its own keys of every kind and never another tenant's. Against
// Redis (SCAN, UNLINK, the outbox, the jobs): forget-tenant.int.test.ts.

// Tenants whose naive keys would overlap: a prefix of another, one holding the separator or an escape of it.
const TENANTS = ['a', 'ab', 'a:b', 'a%3Ab', 'a-b', 'b:a', '%', 'a\nb'];
// Documents that hold another tenant's part between separators, so the SCAN pattern finds them for that tenant.
const DOCUMENTS = ['X', 'X:a:Y', 'a:b', 'b:a:', ':a:', '%3A'];

type KeyFn = (tenant: string, ...parts: string[]) => string;
const perTenantKinds = () =>
  (Object.keys(keys) as Array<keyof typeof keys>).filter((k) => !(SHARED_KEY_KINDS as readonly string[]).includes(k));
/** A key of `kind` for `tenant`, every part after the tenant `doc`. */
const keyOf = (kind: keyof typeof keys, tenant: string, doc: string) => {
  const fn = keys[kind] as KeyFn;
  return fn(tenant, ...Array<string>(fn.length - 1).fill(doc));
};

test('every per-tenant kind of keys has an entry, and every entry is a kind of keys (or the legacy ASN record)', () => {
  expect([...TENANT_KEY_KINDS].sort()).toEqual([...perTenantKinds(), 'legacyAsnRecord'].sort());
  // A shared kind takes no tenant: it is one key.
  for (const k of SHARED_KEY_KINDS) expect(typeof keys[k]).toBe('string');
});

test("a tenant's matcher finds its key of every kind, as that kind", () => {
  for (const tenant of TENANTS) {
    const matcher = tenantKeyMatcher(tenant);
    for (const kind of perTenantKinds()) {
      for (const doc of DOCUMENTS) {
        const key = keyOf(kind, tenant, doc);
        const found = matcher.kindOf(key)?.kind ?? matcher.named.find((n) => n.key === key)?.kind;
        expect({ tenant, kind, doc, found }).toEqual({ tenant, kind, doc, found: kind });
      }
    }
    expect(matcher.kindOf(`${legacyAsnRecordPrefix(tenant)}ASN-1`)).toEqual({
      kind: 'legacyAsnRecord',
      recordsOnly: true,
    });
  }
});

test("a tenant's matcher never finds another tenant's key ('a' is not 'ab', 'a:b' nor 'a-b')", () => {
  for (const tenant of TENANTS) {
    const matcher = tenantKeyMatcher(tenant);
    for (const other of TENANTS.filter((t) => t !== tenant)) {
      for (const kind of perTenantKinds()) {
        for (const doc of DOCUMENTS) {
          const key = keyOf(kind, other, doc);
          expect({ tenant, key, found: matcher.kindOf(key) }).toEqual({ tenant, key, found: undefined });
          expect(matcher.named.map((n) => n.key)).not.toContain(key);
        }
      }
      expect(matcher.kindOf(`${legacyAsnRecordPrefix(other)}ASN-1`)).toBeUndefined();
    }
  }
});

test('the outbox and BullMQ keys are no kind of a tenant', () => {
  const matcher = tenantKeyMatcher('repeat');
  expect(matcher.kindOf(keys.pushOutbox)).toBeUndefined();
  expect(matcher.kindOf('{bridge}:orders:repeat:pollOrders-x:1')).toBeUndefined();
  // Under the legacy ASN prefix of tenant `repeat`: found, but for records only (the sweep checks the key).
  expect(matcher.kindOf('{bridge}:asn:repeat:pollAsns-x:1')?.recordsOnly).toBe(true);
  expect(TENANT_KEYS.legacyAsnRecord).toMatchObject({ recordsOnly: true });
});

test("a job id names its tenant, whichever form it has, and never another tenant's", () => {
  for (const tenant of TENANTS) {
    for (const doc of DOCUMENTS) {
      expect(tenantOfJobId(jobId('createOrder', tenant, doc))).toBe(tenant);
      expect(tenantOfJobId(jobId('pushOrderInfo', tenant, doc, 'v3'))).toBe(tenant);
    }
    // A Job Scheduler's job: BullMQ's `repeat:<scheduler id>:<due>`.
    expect(tenantOfJobId(`repeat:${perTenantId('pollOrders', tenant)}:1767225600000`)).toBe(tenant);
  }
  expect(tenantOfJobId('repeat:drainOutbox:1767225600000')).toBeUndefined();
  expect(tenantOfJobId('42')).toBeUndefined();
  expect(tenantOfJobId('drainOutbox')).toBeUndefined();
});
