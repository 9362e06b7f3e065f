import { parseEnvelope, resolveMethod, METHOD_KIND, QIANYI_METHODS } from '../src/index';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const form = (s: string) => Buffer.from(s);
const valid = { accessId: 'a1', method: 'getOrder', content: '{"orderNumber":"O1"}', sign: 'abc' };

describe('parseEnvelope: JSON', () => {
  it.each(['application/json', 'application/json; charset=UTF-8', 'Application/JSON;Charset=utf-8', undefined])(
    'reads a JSON body with Content-Type %p',
    (type) => {
      expect(parseEnvelope(json(valid), type)).toEqual({
        ok: true,
        envelope: {
          accessId: 'a1',
          method: 'getOrder',
          sign: 'abc',
          content: '{"orderNumber":"O1"}',
          contentAlternates: [],
        },
      });
    },
  );

  it('keeps the raw method and content string untouched', () => {
    const r = parseEnvelope(
      json({ ...valid, method: ' getOrder', content: ' {"orderNumber" : "O1"} ' }),
      'application/json',
    );
    expect(r.ok && r.envelope.method).toBe(' getOrder');
    expect(r.ok && r.envelope.content).toBe(' {"orderNumber" : "O1"} ');
  });

  it.each([[{ ...valid, content: undefined }], [{ ...valid, content: null }]])(
    'reads absent or null content as undefined',
    (body) => {
      const r = parseEnvelope(json(body), 'application/json');
      expect(r.ok && r.envelope.content).toBeUndefined();
      expect(r.ok).toBe(true);
    },
  );

  it('keeps empty content as ""', () => {
    const r = parseEnvelope(json({ ...valid, content: '' }), 'application/json');
    expect(r.ok && r.envelope.content).toBe('');
  });

  it('stringifies content sent as an object', () => {
    const r = parseEnvelope(json({ ...valid, content: { orderNumber: 'O1' } }), 'application/json');
    expect(r.ok && r.envelope.content).toBe('{"orderNumber":"O1"}');
  });

  it('refuses content of another type', () => {
    expect(parseEnvelope(json({ ...valid, content: 5 }), 'application/json')).toEqual({
      ok: false,
      status: 400,
      message: 'content must be a string',
    });
  });

  it.each(['accessId', 'method', 'sign'] as const)('names a missing %s', (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    expect(parseEnvelope(json(body), 'application/json')).toEqual({
      ok: false,
      status: 400,
      message: `${field} is required`,
    });
    expect(parseEnvelope(json({ ...valid, [field]: 42 }), 'application/json')).toEqual({
      ok: false,
      status: 400,
      message: `${field} must be a string`,
    });
  });

  it.each([
    ['[1,2]', 'body must be a JSON object'],
    ['"text"', 'body must be a JSON object'],
    ['null', 'body must be a JSON object'],
    ['{"accessId":', 'body is not valid JSON'],
  ])('refuses %s', (text, message) => {
    expect(parseEnvelope(Buffer.from(text), 'application/json')).toEqual({ ok: false, status: 400, message });
  });

  it('refuses garbage bytes and an empty body without throwing', () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28, 0x80, 0x22]);
    for (const type of ['application/json', 'application/x-www-form-urlencoded', undefined]) {
      const r = parseEnvelope(garbage, type);
      expect(r.ok).toBe(false);
      expect(parseEnvelope(Buffer.alloc(0), type)).toEqual({ ok: false, status: 400, message: 'body is empty' });
    }
  });

  it('refuses an unsupported Content-Type', () => {
    const r = parseEnvelope(json(valid), 'text/xml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/unsupported Content-Type "text\/xml"/);
  });

  it('tolerates a UTF-8 byte order mark', () => {
    expect(parseEnvelope(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(valid)]), 'application/json').ok).toBe(
      true,
    );
  });

  it('refuses __proto__ and constructor keys and never pollutes prototypes', () => {
    const text = '{"accessId":"a","method":"m","sign":"s","__proto__":{"polluted":true}}';
    expect(parseEnvelope(Buffer.from(text), 'application/json')).toEqual({
      ok: false,
      status: 400,
      message: 'body contains the forbidden key "__proto__"',
    });
    const ctor = '{"accessId":"a","method":"m","sign":"s","constructor":{"prototype":{"polluted":true}}}';
    expect(parseEnvelope(Buffer.from(ctor), 'application/json').ok).toBe(false);
    const f = parseEnvelope(
      form('accessId=a&method=m&sign=s&__proto__[polluted]=1'),
      'application/x-www-form-urlencoded',
    );
    expect(f.ok).toBe(true);
    const f2 = parseEnvelope(form('accessId=a&method=m&sign=s&__proto__=x'), 'application/x-www-form-urlencoded');
    expect(f2).toEqual({ ok: false, status: 400, message: 'body contains the forbidden key "__proto__"' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('parseEnvelope: form', () => {
  const body = `accessId=a1&method=createOrder&content=${encodeURIComponent('{"remark":"深圳 a+b"}')}&sign=abc`;

  it.each([
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded;charset=UTF-8',
    'APPLICATION/X-WWW-FORM-URLENCODED; CHARSET=utf-8',
    undefined,
  ])('reads a form body with Content-Type %p', (type) => {
    expect(parseEnvelope(form(body), type)).toEqual({
      ok: true,
      envelope: {
        accessId: 'a1',
        method: 'createOrder',
        sign: 'abc',
        content: '{"remark":"深圳 a+b"}',
        contentAlternates: [],
      },
    });
  });

  it('decodes a bare + as a space and offers the literal-plus reading as an alternate', () => {
    const r = parseEnvelope(
      form('accessId=a1&method=createOrder&sign=s&content={"label":"ab+cd%2Bef"}'),
      'application/x-www-form-urlencoded',
    );
    expect(r.ok && r.envelope.content).toBe('{"label":"ab cd+ef"}');
    expect(r.ok && r.envelope.contentAlternates).toEqual(['{"label":"ab+cd+ef"}']);
  });

  it('reads an absent content as undefined and empty content as ""', () => {
    const r1 = parseEnvelope(form('accessId=a&method=warehouses&sign=s'), undefined);
    expect(r1.ok && r1.envelope.content).toBeUndefined();
    const r2 = parseEnvelope(form('accessId=a&method=warehouses&sign=s&content='), undefined);
    expect(r2.ok && r2.envelope.content).toBe('');
  });

  it('names a missing field and refuses a bad percent-escape', () => {
    expect(parseEnvelope(form('accessId=a&method=m'), 'application/x-www-form-urlencoded')).toEqual({
      ok: false,
      status: 400,
      message: 'sign is required',
    });
    expect(parseEnvelope(form('accessId=a&method=m&sign=%E0%A4%A'), 'application/x-www-form-urlencoded').ok).toBe(
      false,
    );
  });
});

describe('methods', () => {
  it('lists ten methods with a kind each', () => {
    expect(QIANYI_METHODS).toHaveLength(10);
    expect(QIANYI_METHODS.filter((m) => METHOD_KIND[m] === 'query').sort()).toEqual([
      'channels',
      'getAsnList',
      'getOrder',
      'syncInventory',
      'warehouses',
    ]);
  });

  it.each([
    [' cancelOrder', 'cancelOrder'],
    ['GETORDER', 'getOrder'],
    ['insert_sku_info', 'insert_sku_info'],
    ['insertSkuInfo', 'insert_sku_info'],
    [' InsertSKUInfo \n', 'insert_sku_info'],
    ['pushOrderInfo', undefined],
    ['', undefined],
    ['__proto__', undefined],
    ['toString', undefined],
  ])('resolves %p to %p', (raw, expected) => {
    expect(resolveMethod(raw)).toBe(expected);
  });
});
