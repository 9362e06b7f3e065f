import fc from 'fast-check';
import { anyCodePoint } from '@bridge/testkit/arbitraries';
import { JOBS, asnPushJobId, createAsnJobId, createJobId, orderPushJobId, releaseJobId } from '../src/jobs/catalog';
import { jobId, perTenantId } from '../src/jobs/job-id';
import { escapePart, unescapePart, type Reserved } from '../src/state/escape-part';
import { keys, recordKeyLookup } from '../src/state/keys';
import { outboxMember, parseOutboxMember } from '../src/state/outbox';

// Parts are drawn mostly from the characters that separate or escape (and strings that look like escapes), so that
// two different inputs whose naive join is the same come up often; the rest is any Unicode, newlines included.
const tricky = fc.constantFrom(
  '-',
  ':',
  '%',
  '_',
  '{',
  '}',
  '\n',
  '%25',
  '%3A',
  '%2D',
  '%0A',
  '%3',
  'a',
  'A',
  '1',
  ' ',
  'é',
  '💥',
  '\u202e',
  '\u0000',
);
const part = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: tricky, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 8 }) },
);
const RUNS = { numRuns: 300 };

/** One input: which of several kinds (an index), and its parts. */
interface Input {
  k: number;
  parts: string[];
}

/**
 * Sets of inputs (of the kinds whose part counts are `arities`) built to collide under a naive join: most share one
 * string, cut into parts at different places (`shop-1`+`A` and `shop`+`1-A` are two cuts of one string); the rest
 * are drawn freely.
 */
function inputSets(arities: readonly number[]): fc.Arbitrary<Input[]> {
  const kind = fc.integer({ min: 0, max: arities.length - 1 });
  const cutsOf = (base: string) =>
    kind.chain((k) =>
      fc
        .array(fc.integer({ min: 0, max: base.length }), { minLength: arities[k]! - 1, maxLength: arities[k]! - 1 })
        .map((cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), base.length];
          return { k, parts: at.slice(1).map((end, i) => base.slice(at[i], end)) };
        }),
    );
  const free = kind.chain((k) =>
    fc.array(part, { minLength: arities[k]!, maxLength: arities[k]! }).map((parts) => ({ k, parts })),
  );
  const distinct = { selector: (i: Input) => JSON.stringify(i), maxLength: 30 };
  return fc
    .tuple(
      fc.string({ unit: tricky, maxLength: 8 }).chain((base) => fc.uniqueArray(cutsOf(base), distinct)),
      fc.uniqueArray(free, distinct),
    )
    .map(([cut, drawn]) => [...cut, ...drawn]);
}

/** Different inputs give different outputs (every pair of a set: up to 1,770 pairs a run). */
function injective(arities: readonly number[], encode: (input: Input) => string): fc.IPropertyWithHooks<[Input[]]> {
  return fc.property(inputSets(arities), (all) => {
    const seen = new Map<string, Input>();
    for (const input of all) {
      const out = encode(input);
      const earlier = seen.get(out);
      if (earlier !== undefined && JSON.stringify(earlier) !== JSON.stringify(input)) {
        throw new Error(`${JSON.stringify(earlier)} and ${JSON.stringify(input)} both give ${JSON.stringify(out)}`);
      }
      seen.set(out, input);
    }
  });
}

describe('escapePart', () => {
  test.each<Reserved>([':', '-:', '\n'])(
    'reversible, free of %j, and the identity for every other character',
    (reserved) => {
      fc.assert(
        fc.property(part, (p) => {
          const escaped = escapePart(p, reserved);
          expect(unescapePart(escaped)).toBe(p);
          for (const c of reserved) expect(escaped).not.toContain(c);
          expect(escaped.replace(/%(25|3A|2D|0A)/g, '')).not.toContain('%');
          if (![...`%${reserved}`].some((c) => p.includes(c))) expect(escaped).toBe(p);
        }),
        RUNS,
      );
    },
  );
});

describe('Redis keys', () => {
  const perTenant = Object.entries(keys).filter(
    (e): e is [string, (...a: string[]) => string] => typeof e[1] === 'function',
  );

  test('every kind: different (tenant, …) give different keys, all under the {bridge} hash tag', () => {
    for (const [, make] of perTenant) {
      fc.assert(
        injective([make.length], ({ parts }) => make(...parts)),
        { numRuns: 60 },
      );
      fc.assert(
        fc.property(fc.array(part, { minLength: make.length, maxLength: make.length }), (a) =>
          make(...a).startsWith('{bridge}:'),
        ),
        { numRuns: 20 },
      );
    }
  });

  test('no two kinds share a key', () => {
    fc.assert(
      injective(
        perTenant.map(([, make]) => make.length),
        ({ k, parts }) => perTenant[k]![1](...parts),
      ),
      RUNS,
    );
  });

  test('the property catches the keys the issue found (parts joined with an unescaped :)', () => {
    expect(() =>
      fc.assert(
        injective([2], ({ parts }) => `{bridge}:order:${parts.join(':')}`),
        RUNS,
      ),
    ).toThrow(/Counterexample/);
  });

  test('each kind has one name and one number of parts (what makes the unescaped last part safe)', () => {
    const names = perTenant.map(([, make]) => make(...Array.from({ length: make.length }, () => 'x')).split(':')[1]);
    expect(new Set(names).size).toBe(names.length);
  });

  test("a ':' in an accessId no longer reaches another tenant's order", () => {
    expect(keys.order('a:b', 'c')).toBe('{bridge}:order:a%3Ab:c');
    expect(keys.order('a', 'b:c')).toBe('{bridge}:order:a:b:c');
    expect(keys.inventoryRows('t', '7', 'W:1%')).toBe('{bridge}:inventory-rows:t:7:W:1%');
    expect(keys.order('shop-1', 'A')).toBe('{bridge}:order:shop-1:A');
    expect(keys.order('acme', 'SO-1')).toBe('{bridge}:order:acme:SO-1');
  });

  test('the operator lookup finds the tenant of a record key, and only of that document', () => {
    fc.assert(
      fc.property(part, part, part, (tenant, id, other) => {
        fc.pre(other !== id);
        expect(recordKeyLookup.tenantOf('order', id, keys.order(tenant, id))).toBe(tenant);
        expect(recordKeyLookup.tenantOf('order', id, keys.order(tenant, other))).toBeUndefined();
        expect(recordKeyLookup.tenantOf('asn', id, keys.order(tenant, id))).toBeUndefined();
      }),
      RUNS,
    );
  });
});

describe('job ids', () => {
  // Every kind the code builds, with how many parts follow the document.
  const kinds: Array<[kind: string, after: number]> = [
    ['createOrder', 0],
    ['releaseOrder', 0],
    ['createAsn', 0],
    ['refreshCatalog', 0],
    ['rebuildInventory', 0],
    ['pollOrders', 0],
    ['pushOrderInfo', 1],
    ['pushAsnInfo', 1],
    ['createProducts', 1],
  ];
  const arities = kinds.map(([, after]) => 2 + after);
  const build = ({ k, parts: [t, d, ...after] }: Input) => jobId(kinds[k]![0], t!, d!, ...after);

  test('injective across every kind and input', () => {
    fc.assert(injective(arities, build), RUNS);
  });

  test("BullMQ's rules hold: no ':', never all digits", () => {
    fc.assert(
      // A boolean, not expect(): up to 18,000 ids in all, and each expect() builds an Error for its stack.
      fc.property(inputSets(arities), (all) =>
        all.every((input) => {
          const id = build(input);
          return !id.includes(':') && `${parseInt(id, 10)}` !== id;
        }),
      ),
      RUNS,
    );
  });

  test('the per-tenant ids (schedulers, deduplication) are injective', () => {
    const names = ['pollOrders', 'pollAsns', 'refreshCatalog', 'rebuildInventory', 'createProducts', 'drainOutbox'];
    fc.assert(
      injective(
        names.map(() => 1),
        ({ k, parts: [t] }) => perTenantId(names[k]!, t!),
      ),
      RUNS,
    );
  });

  test('the helpers and the job catalog build the same ids', () => {
    fc.assert(
      fc.property(part, part, fc.integer({ min: 1, max: 1e6 }), (t, d, v) => {
        expect(createJobId(t, d)).toBe(jobId('createOrder', t, d));
        expect(releaseJobId(t, d)).toBe(jobId('releaseOrder', t, d));
        expect(createAsnJobId(t, d)).toBe(jobId('createAsn', t, d));
        expect(orderPushJobId(t, d, v)).toBe(jobId('pushOrderInfo', t, d, `v${v}`));
        expect(asnPushJobId(t, d, v)).toBe(jobId('pushAsnInfo', t, d, `v${v}`));
        expect(JOBS.createOrder.jobId!({ tenant: t, order: { orderNumber: d } } as never)).toBe(createJobId(t, d));
        expect(JOBS.releaseOrder.jobId!({ tenant: t, orderNumber: d } as never)).toBe(releaseJobId(t, d));
        expect(JOBS.createAsn.jobId!({ tenant: t, asn: { asnNumber: d } } as never)).toBe(createAsnJobId(t, d));
      }),
      RUNS,
    );
  });

  test("the issue's case: tenant shop-1's order A and tenant shop's order 1-A are two jobs", () => {
    expect(createJobId('shop-1', 'A')).toBe('createOrder-shop%2D1-A');
    expect(createJobId('shop', '1-A')).toBe('createOrder-shop-1-A');
  });

  test('ids of ordinary tenants and documents are what they were before the encoding', () => {
    expect(createJobId('acc', 'SO-1')).toBe('createOrder-acc-SO-1');
    expect(orderPushJobId('3215435', 'SO-2024-01', 7)).toBe('pushOrderInfo-3215435-SO-2024-01-v7');
    expect(jobId('createOrder', 'a:b', '123:45%')).toBe('createOrder-a%3Ab-123%3A45%25');
  });

  test('a kind that is not letters only is refused (it would end somewhere else)', () => {
    expect(() => jobId('create-order', 't', 'd')).toThrow(/letters only/);
    expect(() => perTenantId('poll:orders', 't')).toThrow(/letters only/);
  });

  test('the property catches the encoding the issue found (it joined with an unescaped -)', () => {
    const before = ({ k, parts }: Input) =>
      [kinds[k]![0], ...parts].map((p) => p.replace(/%/g, '%25').replace(/:/g, '%3A')).join('-');
    // A fixed seed: the search is random, and from 100 seeds it found the collision within these runs from 98; a
    // test that fails once in fifty runs of `pnpm test` says nothing about the code.
    expect(() => fc.assert(injective(arities, before), { ...RUNS, seed: 1 })).toThrow(/Counterexample/);
  });
});

describe('push outbox members', () => {
  const kind = fc.constantFrom('order' as const, 'asn' as const);
  test('injective and read back as written, whatever the tenant and id hold', () => {
    const kinds = ['order', 'asn', 'sku'] as const;
    fc.assert(
      injective([2, 2, 2], ({ k, parts: [t, i] }) => outboxMember(kinds[k]!, t!, i!)),
      RUNS,
    );
    fc.assert(
      fc.property(kind, part, part, (k, tenant, id) => {
        expect(parseOutboxMember(outboxMember(k, tenant, id))).toEqual({ kind: k, tenant, id });
      }),
      RUNS,
    );
    expect(parseOutboxMember(outboxMember('sku', 't', 'S'))).toBeUndefined();
  });
});
