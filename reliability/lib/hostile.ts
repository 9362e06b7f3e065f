import fc from 'fast-check';
import { computeSign } from '../../packages/qianyi/src/index';
import { TEST_TENANT } from '../../packages/testkit/src/index';
import { asn, order, product } from './fixtures';

// Generators of hostile calls for the ingress. Each yields the raw bytes, a content type and the HTTP statuses the
// contract allows for it: unsigned garbage may only be refused (400/401/413); a correctly signed envelope over bad
// content must reach the content parsers and be answered 200 with success:false.
export interface HostileCall {
  name: string;
  body: Buffer;
  contentType?: string;
  allowed: number[];
  /** The field path the refusal must name (a value out of its bound, issue 22). */
  field?: string;
}

const ID = TEST_TENANT.accessId;
const sign = (content: string) => computeSign(ID, content, TEST_TENANT.secretKey);
const json = (o: unknown) => Buffer.from(JSON.stringify(o));
const signedEnvelope = (method: string, content: string) =>
  json({ accessId: ID, method, content, sign: sign(content) });
const REFUSED = [400, 401, 413];
const TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  undefined,
] as const;
/** Methods whose content is parsed; warehouses/channels are left out (an empty catalog legitimately queues a refresh). */
const METHODS = [
  'createOrder',
  'cancelOrder',
  'getOrder',
  'createAsnOrder',
  'cancelAsnOrder',
  'getAsnList',
  'insert_sku_info',
  'syncInventory',
];
const REQUIRED = ['orderNumber', 'warehouseCode', 'logisticsCode', 'receiver', 'skuList'] as const;

const hugeValue = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 1000, 5e-324).map((n) => n),
  fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('1e400', '-1e400', '9'.repeat(400), 'NaN', 'Infinity'),
);

export const randomBytes = fc
  .record({ bytes: fc.uint8Array({ maxLength: 4000 }), type: fc.constantFrom(...TYPES) })
  .map(
    ({ bytes, type }): HostileCall => ({
      name: 'random bytes',
      body: Buffer.from(bytes),
      contentType: type,
      allowed: REFUSED,
    }),
  );

export const wrongTypes = fc
  .record(
    { accessId: fc.anything(), method: fc.anything(), content: fc.anything(), sign: fc.anything() },
    { requiredKeys: [] },
  )
  .map(
    (env): HostileCall => ({ name: 'wrong types', body: json(env), contentType: 'application/json', allowed: REFUSED }),
  );

const nest = (depth: number, leaf: string, open: string, close: string) =>
  open.repeat(depth) + leaf + close.repeat(depth);
export const deepNesting = fc
  .record({
    depth: fc.integer({ min: 500, max: 200_000 }),
    kind: fc.constantFrom('array', 'object'),
    where: fc.constantFrom('envelope', 'content', 'signed-content'),
  })
  .map(({ depth, kind, where }): HostileCall => {
    const deep = kind === 'array' ? nest(depth, '1', '[', ']') : nest(depth, '1', '{"a":', '}');
    if (where === 'envelope')
      return {
        name: 'deep nesting (envelope)',
        body: Buffer.from(`{"accessId":"${ID}","method":"createOrder","sign":"x","content":${deep}}`),
        contentType: 'application/json',
        allowed: REFUSED,
      };
    if (where === 'content')
      return {
        name: 'deep nesting (content, bad sign)',
        body: json({ accessId: ID, method: 'createOrder', content: deep, sign: 'f'.repeat(40) }),
        contentType: 'application/json',
        allowed: REFUSED,
      };
    const content = kind === 'array' ? `{"orderNumber":${deep}}` : `{"receiver":${deep}}`;
    return {
      name: 'deep nesting (signed content)',
      body: signedEnvelope('createOrder', content),
      contentType: 'application/json',
      allowed: [200],
    };
  });

/** A real order with a required field removed and other fields made huge: signed, so the schema must refuse it. */
export const hugeFields = fc
  .record({
    drop: fc.constantFrom(...REQUIRED),
    field: fc.constantFrom('freight', 'shopName', 'onlineOrderId', 'platform', 'labelData'),
    value: hugeValue,
  })
  .map(({ drop, field, value }): HostileCall => {
    const o: Record<string, unknown> = { ...order('FUZZ-HUGE'), [field]: value };
    delete o[drop];
    return {
      name: 'huge numbers and strings (signed)',
      body: signedEnvelope('createOrder', JSON.stringify(o)),
      contentType: 'application/json',
      allowed: [200],
    };
  });

/** Bytes that are not UTF-8 inside the content; signed over what a UTF-8 decoder makes of them. */
export const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((raw): HostileCall => {
  const bytes = Buffer.from(raw.map((b) => (b < 0x80 ? 0x41 + (b % 26) : b)));
  const content = bytes.toString('utf8');
  const head = Buffer.from(`{"accessId":"${ID}","method":"getOrder","sign":"${sign(content)}","content":"`);
  return {
    name: 'invalid UTF-8 (signed)',
    body: Buffer.concat([head, bytes, Buffer.from('"}')]),
    contentType: 'application/json',
    allowed: [200, 400],
  };
});

/** Required fields hidden under __proto__ / constructor / prototype, at the top or in the receiver: must not count. */
export const protoKeys = fc
  .record({
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
    at: fc.constantFrom('top', 'receiver', 'envelope'),
  })
  .map(({ key, at }): HostileCall => {
    if (at === 'envelope') {
      return {
        name: 'prototype keys (envelope)',
        body: Buffer.from(`{"${key}":{"accessId":"${ID}","method":"getOrder","sign":"x","content":"{}"}}`),
        contentType: 'application/json',
        allowed: REFUSED,
      };
    }
    const o = order('FUZZ-PROTO') as Record<string, any>;
    let text: string;
    if (at === 'top') {
      const { orderNumber, ...rest } = o;
      text = JSON.stringify(rest).replace(/^\{/, `{"${key}":{"orderNumber":${JSON.stringify(orderNumber)}},`);
    } else {
      const { postalCode, ...receiver } = o.receiver;
      text = JSON.stringify({ ...o, receiver }).replace(
        '"receiver":{',
        `"receiver":{"${key}":{"postalCode":${JSON.stringify(postalCode)}},`,
      );
    }
    return {
      name: `prototype keys (signed content)`,
      body: signedEnvelope('createOrder', text),
      contentType: 'application/json',
      allowed: [200],
    };
  });

/** Form bodies whose content carries '+' and spaces; signed (any reading of '+') or not. */
export const formPlus = fc
  .record({ text: fc.string({ maxLength: 200 }), signed: fc.boolean(), method: fc.constantFrom(...METHODS) })
  .map(({ text, signed, method }): HostileCall => {
    const content = `{"orderNumber":1+1, "note":"a+b c ${text.replace(/["\\]/g, '')}"`; // never valid JSON: no closing brace
    // '+' left literal, everything else percent-encoded: what a sender that forgets to encode '+' sends.
    const enc = (v: string) => encodeURIComponent(v).replace(/%2B/g, '+');
    const form = `accessId=${enc(ID)}&method=${enc(method)}&content=${enc(content)}&sign=${signed ? sign(content) : 'f'.repeat(40)}`;
    return {
      name: 'form bodies with +',
      body: Buffer.from(form),
      contentType: 'application/x-www-form-urlencoded',
      allowed: signed ? [200] : [401],
    };
  });

/** Any JSON value (or plain text) as the content of a parsed method, correctly signed. */
export const signedGarbage = fc
  .record({
    method: fc.constantFrom(...METHODS),
    content: fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      fc.string({ maxLength: 500 }),
      fc.object().map((o) => JSON.stringify(o)),
    ),
  })
  .filter(({ content }) => content.trim() !== '')
  .map(
    ({ method, content }): HostileCall => ({
      name: 'signed garbage content',
      body: signedEnvelope(method, content),
      contentType: 'application/json',
      allowed: [200],
    }),
  );

/** 25 MB bodies of each kind (the limit is 20 MB). */
export function hugeBodies(n: number): HostileCall[] {
  const big = 'A'.repeat(25 * 1024 * 1024);
  const kinds: HostileCall[] = [
    {
      name: '25 MB body',
      body: json({ accessId: ID, method: 'createOrder', content: big, sign: 'x' }),
      contentType: 'application/json',
      allowed: [413],
    },
    {
      name: '25 MB body',
      body: Buffer.from(`accessId=${ID}&method=createOrder&sign=x&content=${big}`),
      contentType: 'application/x-www-form-urlencoded',
      allowed: [413],
    },
    { name: '25 MB body', body: Buffer.from(big), allowed: [413] },
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!);
}

// ---- values out of their bounds (issue 22) ------------------------------------------------------------------
// Each is a real document with one value replaced; the answer must be 200 success:false naming the field. The
// value is spliced into the JSON text, so numbers JSON.stringify cannot write (2^53+1, 1e400) arrive as written.

type Path = Array<string | number>;
const PLACEHOLDER = '"__HOSTILE_VALUE__"';
function withValue(doc: unknown, path: Path, raw: string): string {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string | number, any>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path[path.length - 1]!] = JSON.parse(PLACEHOLDER);
  return JSON.stringify(copy).replace(PLACEHOLDER, () => raw); // a function: `$'` in raw is no replacement pattern
}
const fieldName = (path: Path) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

interface Target {
  method: string;
  doc: () => unknown;
  path: Path;
}
const DOCS = {
  order: () => order('FUZZ-BOUNDS'),
  cod: () => order('FUZZ-BOUNDS', { codEnabled: 1, codPayAmount: 5, codCurrency: 'USD' }),
  asn: () => asn('FUZZ-BOUNDS-ASN'),
  product: () => product('FUZZ-BOUNDS-SKU'),
  inventory: () => ({ page: 1, pageSize: 100, warehouseCode: 'USWH1' }),
  getOrder: () => ({ orderNumber: 'FUZZ-BOUNDS' }),
  asnNumbers: () => ({ asnNumbers: ['FUZZ-BOUNDS-ASN'] }),
};
const t = (method: string, doc: () => unknown, ...path: Path): Target => ({ method, doc, path });
const call = (name: string, target: Target, raw: string): HostileCall => ({
  name,
  body: signedEnvelope(target.method, withValue(target.doc(), target.path, raw)),
  contentType: 'application/json',
  allowed: [200],
  field: fieldName(target.path),
});

/** Every numeric field of the documents that carry them (dates apart: their bound is a range, not a maximum). */
const NUMERIC_FIELDS: Target[] = [
  t('createOrder', DOCS.order, 'skuList', 0, 'quantity'),
  t('createOrder', DOCS.order, 'skuList', 0, 'amount'),
  t('createOrder', DOCS.order, 'skuList', 0, 'shippingPrice'),
  t('createOrder', DOCS.order, 'freight'),
  t('createOrder', DOCS.cod, 'codPayAmount'),
  t('createAsnOrder', DOCS.asn, 'skuList', 0, 'quantity'),
  t('createAsnOrder', DOCS.asn, 'asnMarkSku', 1, 'quantity'),
  t('createAsnOrder', DOCS.asn, 'asnMarkSku', 0, 'boxNumber'),
  t('createAsnOrder', DOCS.asn, 'asnMarkSku', 0, 'length'),
  t('createAsnOrder', DOCS.asn, 'asnMarkSku', 1, 'width'),
  t('createAsnOrder', DOCS.asn, 'asnMarkSku', 0, 'height'),
  t('insert_sku_info', DOCS.product, 'weight'),
  t('insert_sku_info', DOCS.product, 'netWeight'),
  t('insert_sku_info', DOCS.product, 'length'),
  t('insert_sku_info', DOCS.product, 'width'),
  t('insert_sku_info', DOCS.product, 'height'),
  t('insert_sku_info', DOCS.product, 'itemPackage'),
  t('syncInventory', DOCS.inventory, 'page'),
  t('syncInventory', DOCS.inventory, 'pageSize'),
];

/** Identifiers, each with its length (limits.ts). */
const ID_FIELDS: Array<[Target, number]> = [
  [t('createOrder', DOCS.order, 'orderNumber'), 50],
  [t('createOrder', DOCS.order, 'warehouseCode'), 50],
  [t('createOrder', DOCS.order, 'logisticsCode'), 64],
  [t('createOrder', DOCS.order, 'skuList', 0, 'sku'), 30],
  [t('createOrder', DOCS.order, 'receiver', 'postalCode'), 20],
  [t('getOrder', DOCS.getOrder, 'orderNumber'), 50],
  [t('cancelOrder', DOCS.getOrder, 'orderNumber'), 50],
  [t('createAsnOrder', DOCS.asn, 'asnNumber'), 50],
  [t('createAsnOrder', DOCS.asn, 'warehouseCode'), 20],
  [t('createAsnOrder', DOCS.asn, 'skuList', 1, 'sku'), 30],
  [t('insert_sku_info', DOCS.product, 'sku'), 30],
  [t('insert_sku_info', DOCS.product, 'barcode'), 50],
  [t('syncInventory', DOCS.inventory, 'warehouseCode'), 50],
  [t('getAsnList', DOCS.asnNumbers, 'asnNumbers', 0), 50],
];
// A one-item asnNumbers list is named by the item's asnNumber.
const idCall = (name: string, target: Target, raw: string): HostileCall => {
  const made = call(name, target, raw);
  return target.method === 'getAsnList' ? { ...made, field: `${made.field}.asnNumber` } : made;
};

/** Characters no identifier may hold: controls, line separators, bidi controls, invisible ones, lone surrogates. */
const FORBIDDEN_IN_ID = [
  '\u0000',
  '\r',
  '\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u200f',
  '\u061c',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
];

/** The values issue 22 found reaching eTower, and their kin: each must be refused naming its field. */
export function issue22Values(): HostileCall[] {
  const at = (method: string, doc: () => unknown, ...path: Path) => t(method, doc, ...path);
  const num = (target: Target, raw: string) =>
    call(`out of bounds: ${fieldName(target.path)} = ${raw.slice(0, 20)}`, target, raw);
  const str = (target: Target, value: string, what: string) =>
    idCall(`out of bounds: ${fieldName(target.path)} ${what}`, target, JSON.stringify(value));
  const qty = at('createOrder', DOCS.order, 'skuList', 0, 'quantity');
  const calls = [
    num(qty, '1e30'),
    num(qty, '1e308'),
    num(qty, '9007199254740993'),
    num(qty, '"9007199254740993"'),
    num(qty, '0'),
    num(qty, '1.5'),
    num(at('createOrder', DOCS.order, 'skuList', 0, 'amount'), '1e307'),
    num(at('createOrder', DOCS.order, 'freight'), '-1'),
    num(at('createAsnOrder', DOCS.asn, 'asnMarkSku', 0, 'quantity'), '1e30'),
    num(at('createAsnOrder', DOCS.asn, 'asnMarkSku', 0, 'length'), '1e30'),
    num(at('createAsnOrder', DOCS.asn, 'estimatedArrivalDate'), '1e30'),
    num(at('createAsnOrder', DOCS.asn, 'estimatedArrivalDate'), '"tomorrow"'),
    num(at('createOrder', DOCS.order, 'orderCreate'), '1e30'),
    num(at('insert_sku_info', DOCS.product, 'length'), '-1'),
    num(at('insert_sku_info', DOCS.product, 'width'), '"-5"'),
    num(at('insert_sku_info', DOCS.product, 'height'), '-0.1'),
    num(at('syncInventory', DOCS.inventory, 'pageSize'), '1e30'),
    str(at('createOrder', DOCS.order, 'receiver', 'name'), 'N'.repeat(100_000), '100,000 characters'),
    str(at('createOrder', DOCS.order, 'receiver', 'country'), 'not-a-country-💥', 'not a country'),
    str(at('createOrder', DOCS.order, 'receiver', 'country'), 'USA', 'alpha-3'),
    str(at('insert_sku_info', DOCS.product, 'imageUrl'), 'javascript:alert(1)', 'javascript: URL'),
  ];
  for (const method of ['createOrder', 'getOrder', 'cancelOrder'] as const) {
    const target = at(method, method === 'createOrder' ? DOCS.order : DOCS.getOrder, 'orderNumber');
    calls.push(str(target, 'X'.repeat(10_249), '10,249 characters'));
    for (const [bad, what] of [
      ['\u0000', 'NUL'],
      ['\r\n', 'CR/LF'],
      ['\u202e', 'U+202E'],
    ] as const)
      calls.push(str(target, `FUZZ${bad}1`, `with ${what}`));
  }
  return calls;
}

/** A number no field may take: past every maximum, negative, beyond a double, or not a number at all. */
const outOfRangeNumber = fc.oneof(
  fc.double({ min: 1e10, max: 1e308, noNaN: true }).map((n) => String(n)),
  fc.double({ min: -1e308, max: -1e-6, noNaN: true }).map((n) => String(n)),
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 400n }).map((n) => n.toString()),
  fc.constantFrom('1e400', '-1e400', '"NaN"', '"Infinity"', '"-0.5"', '"0x10"', '"1e30"', 'true', '[]', '{}'),
);
export const outOfBoundsNumbers = fc
  .record({ target: fc.constantFrom(...NUMERIC_FIELDS), raw: outOfRangeNumber })
  .map(({ target, raw }): HostileCall => call('out-of-bounds number (signed)', target, raw));

/** An identifier holding a forbidden character inside it, or longer than its field allows. */
export const badIdentifiers = fc
  .record({
    field: fc.constantFrom(...ID_FIELDS),
    head: fc.string({ maxLength: 8 }),
    bad: fc.constantFrom(...FORBIDDEN_IN_ID),
    tail: fc.string({ maxLength: 8 }),
    over: fc.integer({ min: 1, max: 20_000 }),
    long: fc.boolean(),
  })
  .map(({ field: [target, max], head, bad, tail, over, long }): HostileCall => {
    // Printable ASCII around the bad character, 'A'/'Z' so that trimming cannot remove it.
    const value = long ? 'L'.repeat(max + over) : `A${head}${bad}${tail}Z`;
    return idCall('bad identifier (signed)', target, JSON.stringify(value));
  });
