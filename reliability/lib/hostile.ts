import fc from 'fast-check';
import { computeSign } from '../../packages/qianyi/src/index';
import { TEST_TENANT } from '../../packages/testkit/src/index';
import { order } from './fixtures';

// Generators of hostile calls for the ingress. Each yields the raw bytes, a content type and the HTTP statuses the
// contract allows for it: unsigned garbage may only be refused (400/401/413); a correctly signed envelope over bad
// content must reach the content parsers and be answered 200 with success:false.
export interface HostileCall { name: string; body: Buffer; contentType?: string; allowed: number[] }

const ID = TEST_TENANT.accessId;
const sign = (content: string) => computeSign(ID, content, TEST_TENANT.secretKey);
const json = (o: unknown) => Buffer.from(JSON.stringify(o));
const signedEnvelope = (method: string, content: string) => json({ accessId: ID, method, content, sign: sign(content) });
const REFUSED = [400, 401, 413];
const TYPES = ['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', undefined] as const;
/** Methods whose content is parsed; warehouses/channels are left out (an empty catalog legitimately queues a refresh). */
const METHODS = ['createOrder', 'cancelOrder', 'getOrder', 'createAsnOrder', 'cancelAsnOrder', 'getAsnList', 'insert_sku_info', 'syncInventory'];
const REQUIRED = ['orderNumber', 'warehouseCode', 'logisticsCode', 'receiver', 'skuList'] as const;

const hugeValue = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 1000, 5e-324).map((n) => n),
  fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('1e400', '-1e400', '9'.repeat(400), 'NaN', 'Infinity'),
);

export const randomBytes = fc.record({ bytes: fc.uint8Array({ maxLength: 4000 }), type: fc.constantFrom(...TYPES) })
  .map(({ bytes, type }): HostileCall => ({ name: 'random bytes', body: Buffer.from(bytes), contentType: type, allowed: REFUSED }));

export const wrongTypes = fc.record({ accessId: fc.anything(), method: fc.anything(), content: fc.anything(), sign: fc.anything() }, { requiredKeys: [] })
  .map((env): HostileCall => ({ name: 'wrong types', body: json(env), contentType: 'application/json', allowed: REFUSED }));

const nest = (depth: number, leaf: string, open: string, close: string) => open.repeat(depth) + leaf + close.repeat(depth);
export const deepNesting = fc.record({ depth: fc.integer({ min: 500, max: 200_000 }), kind: fc.constantFrom('array', 'object'), where: fc.constantFrom('envelope', 'content', 'signed-content') })
  .map(({ depth, kind, where }): HostileCall => {
    const deep = kind === 'array' ? nest(depth, '1', '[', ']') : nest(depth, '1', '{"a":', '}');
    if (where === 'envelope') return { name: 'deep nesting (envelope)', body: Buffer.from(`{"accessId":"${ID}","method":"createOrder","sign":"x","content":${deep}}`), contentType: 'application/json', allowed: REFUSED };
    if (where === 'content') return { name: 'deep nesting (content, bad sign)', body: json({ accessId: ID, method: 'createOrder', content: deep, sign: 'f'.repeat(40) }), contentType: 'application/json', allowed: REFUSED };
    const content = kind === 'array' ? `{"orderNumber":${deep}}` : `{"receiver":${deep}}`;
    return { name: 'deep nesting (signed content)', body: signedEnvelope('createOrder', content), contentType: 'application/json', allowed: [200] };
  });

/** A real order with a required field removed and other fields made huge: signed, so the schema must refuse it. */
export const hugeFields = fc.record({ drop: fc.constantFrom(...REQUIRED), field: fc.constantFrom('freight', 'shopName', 'onlineOrderId', 'platform', 'labelData'), value: hugeValue })
  .map(({ drop, field, value }): HostileCall => {
    const o: Record<string, unknown> = { ...order('FUZZ-HUGE'), [field]: value };
    delete o[drop];
    return { name: 'huge numbers and strings (signed)', body: signedEnvelope('createOrder', JSON.stringify(o)), contentType: 'application/json', allowed: [200] };
  });

/** Bytes that are not UTF-8 inside the content; signed over what a UTF-8 decoder makes of them. */
export const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((raw): HostileCall => {
  const bytes = Buffer.from(raw.map((b) => (b < 0x80 ? 0x41 + (b % 26) : b)));
  const content = bytes.toString('utf8');
  const head = Buffer.from(`{"accessId":"${ID}","method":"getOrder","sign":"${sign(content)}","content":"`);
  return { name: 'invalid UTF-8 (signed)', body: Buffer.concat([head, bytes, Buffer.from('"}')]), contentType: 'application/json', allowed: [200, 400] };
});

/** Required fields hidden under __proto__ / constructor / prototype, at the top or in the receiver: must not count. */
export const protoKeys = fc.record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype'), at: fc.constantFrom('top', 'receiver', 'envelope') })
  .map(({ key, at }): HostileCall => {
    if (at === 'envelope') {
      return { name: 'prototype keys (envelope)', body: Buffer.from(`{"${key}":{"accessId":"${ID}","method":"getOrder","sign":"x","content":"{}"}}`), contentType: 'application/json', allowed: REFUSED };
    }
    const o = order('FUZZ-PROTO') as Record<string, any>;
    let text: string;
    if (at === 'top') {
      const { orderNumber, ...rest } = o;
      text = JSON.stringify(rest).replace(/^\{/, `{"${key}":{"orderNumber":${JSON.stringify(orderNumber)}},`);
    } else {
      const { postalCode, ...receiver } = o.receiver;
      text = JSON.stringify({ ...o, receiver }).replace('"receiver":{', `"receiver":{"${key}":{"postalCode":${JSON.stringify(postalCode)}},`);
    }
    return { name: `prototype keys (signed content)`, body: signedEnvelope('createOrder', text), contentType: 'application/json', allowed: [200] };
  });

/** Form bodies whose content carries '+' and spaces; signed (any reading of '+') or not. */
export const formPlus = fc.record({ text: fc.string({ maxLength: 200 }), signed: fc.boolean(), method: fc.constantFrom(...METHODS) })
  .map(({ text, signed, method }): HostileCall => {
    const content = `{"orderNumber":1+1, "note":"a+b c ${text.replace(/["\\]/g, '')}"`; // never valid JSON: no closing brace
    // '+' left literal, everything else percent-encoded: what a sender that forgets to encode '+' sends.
    const enc = (v: string) => encodeURIComponent(v).replace(/%2B/g, '+');
    const form = `accessId=${enc(ID)}&method=${enc(method)}&content=${enc(content)}&sign=${signed ? sign(content) : 'f'.repeat(40)}`;
    return { name: 'form bodies with +', body: Buffer.from(form), contentType: 'application/x-www-form-urlencoded', allowed: signed ? [200] : [401] };
  });

/** Any JSON value (or plain text) as the content of a parsed method, correctly signed. */
export const signedGarbage = fc.record({ method: fc.constantFrom(...METHODS), content: fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'), fc.string({ maxLength: 500 }), fc.object().map((o) => JSON.stringify(o))) })
  .filter(({ content }) => content.trim() !== '')
  .map(({ method, content }): HostileCall => ({ name: 'signed garbage content', body: signedEnvelope(method, content), contentType: 'application/json', allowed: [200] }));

/** 25 MB bodies of each kind (the limit is 20 MB). */
export function hugeBodies(n: number): HostileCall[] {
  const big = 'A'.repeat(25 * 1024 * 1024);
  const kinds: HostileCall[] = [
    { name: '25 MB body', body: json({ accessId: ID, method: 'createOrder', content: big, sign: 'x' }), contentType: 'application/json', allowed: [413] },
    { name: '25 MB body', body: Buffer.from(`accessId=${ID}&method=createOrder&sign=x&content=${big}`), contentType: 'application/x-www-form-urlencoded', allowed: [413] },
    { name: '25 MB body', body: Buffer.from(big), allowed: [413] },
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!);
}
