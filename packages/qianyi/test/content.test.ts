import { parseContent, parseEnvelope, trimKeys, type CreateOrderContent, type PackageType } from '../src/index';

const errorOf = (r: { ok: boolean; message?: string }) => (r.ok ? 'ok' : r.message);

describe('parseContent: general rules', () => {
  it('refuses content that is not JSON or not an object', () => {
    expect(parseContent('getOrder', '{"orderNumber":')).toEqual({ ok: false, message: 'content is not valid JSON' });
    expect(parseContent('getOrder', '[{"orderNumber":"O1"}]')).toEqual({
      ok: false,
      message: 'content must be a JSON object',
    });
    expect(parseContent('getOrder', '"O1"')).toEqual({ ok: false, message: 'content must be a JSON object' });
    expect(parseContent('getOrder', 'null')).toEqual({ ok: false, message: 'content must be a JSON object' });
  });

  it('allows empty content only for warehouses and channels', () => {
    for (const c of [undefined, '', '  ']) {
      expect(parseContent('warehouses', c)).toEqual({ ok: true, value: {} });
      expect(parseContent('channels', c)).toEqual({ ok: true, value: {} });
      expect(parseContent('getOrder', c)).toEqual({ ok: false, message: 'content is required' });
      expect(parseContent('syncInventory', c)).toEqual({ ok: false, message: 'content is required' });
    }
  });

  it('reads the doc sample for warehouses with numbers', () => {
    expect(parseContent('warehouses', '{"pageSize":1000,"page":1,"warehouseCode":"WH000005"}')).toEqual({
      ok: true,
      value: { pageSize: 1000, page: 1, warehouseCode: 'WH000005' },
    });
  });

  it('trims keys recursively and drops prototype keys', () => {
    const out = trimKeys(JSON.parse('{" a ":{"b ":[{" c":1}]},"__proto__":{"x":1},"constructor":2}')) as Record<
      string,
      unknown
    >;
    expect(out).toEqual({ a: { b: [{ c: 1 }] } });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('trims keys that begin or end with non-ASCII whitespace or characters (not only the ASCII fast case)', () => {
    const out = trimKeys(JSON.parse('{"\u3000名称 ":1,"\u00a0a":2,"名":3,"b\u2003":[{"规格\u00a0":4}]}'));
    expect(out).toEqual({ 名称: 1, a: 2, 名: 3, b: [{ 规格: 4 }] });
  });
});

describe('syncInventory', () => {
  it('reads the seed example (keys with trailing spaces, numbers as strings)', () => {
    const seed = ' {"pageSize ":"50","page ":"1","warehouseCode":"wms","warehouseSku ":"sku"}';
    expect(parseContent('syncInventory', seed)).toEqual({
      ok: true,
      value: { pageSize: 50, page: 1, warehouseCode: 'wms', warehouseSku: 'sku' },
    });
  });

  it.each([
    ['{"page":1,"warehouseCode":"w"}', 'pageSize is required'],
    ['{"pageSize":"","page":1,"warehouseCode":"w"}', 'pageSize is required'],
    ['{"pageSize":"abc","page":1,"warehouseCode":"w"}', 'pageSize must be a whole number between 1 and 999999999'],
    ['{"pageSize":"NaN","page":1,"warehouseCode":"w"}', 'pageSize must be a whole number between 1 and 999999999'],
    ['{"pageSize":"0x10","page":1,"warehouseCode":"w"}', 'pageSize must be a whole number between 1 and 999999999'],
    ['{"pageSize":2.5,"page":1,"warehouseCode":"w"}', 'pageSize must be a whole number between 1 and 999999999'],
    ['{"pageSize":10,"page":0,"warehouseCode":"w"}', 'page must be a whole number between 1 and 999999999'],
    [
      '{"pageSize":1e30,"page":9007199254740993,"warehouseCode":"w"}',
      'pageSize must be a whole number between 1 and 999999999; page must be a whole number between 1 and 999999999',
    ],
    ['{"pageSize":10,"page":1}', 'warehouseCode is required'],
    ['{"pageSize":10,"page":1,"warehouseCode":"  "}', 'warehouseCode is required'],
    [
      '{"pageSize":true,"page":1,"warehouseCode":{}}',
      'pageSize must be a whole number between 1 and 999999999; warehouseCode must be a string',
    ],
  ])('%s -> %s', (content, message) => {
    expect(errorOf(parseContent('syncInventory', content))).toBe(message);
  });
});

describe('getOrder / cancelOrder / channels', () => {
  it('reads the seed examples', () => {
    expect(parseContent('getOrder', ' {"orderNumber":"CESH210204147401"}')).toEqual({
      ok: true,
      value: { orderNumber: 'CESH210204147401' },
    });
    expect(
      parseContent('cancelOrder', ' {"orderNumber":"CESH210204147401","warehouseOrderNumber":"CESH210204147401"}'),
    ).toEqual({
      ok: true,
      value: { orderNumber: 'CESH210204147401', warehouseOrderNumber: 'CESH210204147401' },
    });
    expect(parseContent('channels', '{"warehouseCode":" W1 "}')).toEqual({ ok: true, value: { warehouseCode: 'W1' } });
  });

  it('requires orderNumber', () => {
    expect(errorOf(parseContent('getOrder', '{"warehouseCode":"W"}'))).toBe('orderNumber is required');
    expect(errorOf(parseContent('cancelOrder', '{"orderNumber":null}'))).toBe('orderNumber is required');
  });
});

const seedOrder = () => ({
  orderNumber: 'CESH210204147401',
  onlineOrderId: '113195753779',
  shopName: '测试',
  logisticsCode: 'FedexGround',
  platform: 'tiktok',
  warehouseCode: 'QY_01',
  freight: 20.0,
  receiver: {
    name: 'Kimberly White',
    phone: '1889838055188',
    email: '',
    country: 'US',
    state: 'AR',
    city: 'Harrison',
    district: 'null',
    address1: 'TestStreet1',
    address2: '',
    postalCode: '72601',
  },
  skuList: [
    {
      sku: 'CL0000000000001',
      name: null,
      quantity: 1,
      amount: 120.0,
      shippingPrice: 20.0,
      hsCode: 'CL0000000000001',
      chineseCustomsDeclarationName: ' 测 试 商 品',
      englishCustomsDeclarationName: 'TEST',
    },
  ],
});

describe('createOrder', () => {
  const parse = (o: unknown) => parseContent('createOrder', JSON.stringify(o));

  it('reads the seed example (line-wrap damage removed) with the documented leniencies', () => {
    const r = parse(seedOrder());
    if (!r.ok) throw new Error(r.message);
    const v: CreateOrderContent = r.value;
    // Type-level checks: coerced numbers are numbers, defaults are filled in.
    const typed: [PackageType, 0 | 1, number, string, number] = [
      v.packageType,
      v.codEnabled,
      v.skuList[0]!.quantity,
      v.skuList[0]!.erpSku,
      v.freight,
    ];
    expect(typed).toEqual(['NORMAL', 0, 1, 'CL0000000000001', 20]);
    expect(v.packageType).toBe('NORMAL');
    expect(v.codEnabled).toBe(0);
    expect(v.freight).toBe(20);
    expect(v.receiver.email).toBeUndefined();
    expect(v.receiver.district).toBeUndefined();
    expect(v.receiver.address2).toBeUndefined();
    expect(v.skuList[0]).toEqual({
      sku: 'CL0000000000001',
      erpSku: 'CL0000000000001',
      quantity: 1,
      amount: 120,
      shippingPrice: 20,
      hsCode: 'CL0000000000001',
      chineseCustomsDeclarationName: '测 试 商 品',
      englishCustomsDeclarationName: 'TEST',
    });
  });

  it('coerces numeric strings and reads a lone skuList object as a list', () => {
    const o = {
      ...seedOrder(),
      freight: '20.50',
      codEnabled: '1',
      codPayAmount: '35.50',
      codCurrency: 'USD',
      skuList: { sku: 'S', erpSku: 'E', quantity: '3', amount: '1.0E1' },
    };
    const r = parse(o);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.freight).toBe(20.5);
    expect(r.value.codEnabled).toBe(1);
    expect(r.value.codPayAmount).toBe(35.5);
    expect(r.value.skuList).toEqual([{ sku: 'S', erpSku: 'E', quantity: 3, amount: 10 }]);
  });

  it('names missing and malformed fields with their paths', () => {
    const o = seedOrder() as Record<string, any>;
    delete o.receiver.postalCode;
    o.skuList[0].quantity = 'two';
    delete o.shopName;
    expect(errorOf(parse(o))).toBe(
      'shopName is required; receiver.postalCode is required; skuList[0].quantity must be a whole number between 1 and 999999999',
    );
  });

  it.each([
    [{ receiver: undefined }, 'receiver is required'],
    [{ receiver: 'x' }, 'receiver must be an object'],
    [{ skuList: [] }, 'skuList must not be empty'],
    [{ skuList: undefined }, 'skuList is required'],
    [{ skuList: 'S1' }, 'skuList must be a list'],
    [{ freight: '' }, 'freight is required'],
    [{ freight: -1 }, 'freight must be an amount between 0 and 99999999.99'],
    [{ codEnabled: 2 }, 'codEnabled must be 0 or 1'],
    [{ packageType: 'BOX' }, 'packageType must be one of NORMAL, OWN_PACKAGE'],
  ])('%p -> %s', (patch, message) => {
    expect(errorOf(parse({ ...seedOrder(), ...patch }))).toBe(message);
  });

  it('requires codPayAmount and codCurrency for COD orders', () => {
    expect(errorOf(parse({ ...seedOrder(), codEnabled: 1 }))).toBe(
      'codPayAmount is required when codEnabled is 1; codCurrency is required when codEnabled is 1',
    );
  });

  it('requires trackingNumber and labelData for OWN_PACKAGE, in any case', () => {
    expect(errorOf(parse({ ...seedOrder(), packageType: 'own_package' }))).toBe(
      'trackingNumber is required when packageType is OWN_PACKAGE; labelData is required when packageType is OWN_PACKAGE',
    );
    const r = parse({ ...seedOrder(), packageType: 'Own_Package', trackingNumber: '1Z', labelData: 'JVBERi0=' });
    expect(r.ok && r.value.packageType).toBe('OWN_PACKAGE');
  });
});

describe('large content', () => {
  it('parses an OWN_PACKAGE order carrying a 20 MB Base64 label, from envelope to typed value', () => {
    const labelData = Buffer.alloc(15 * 1024 * 1024, 1).toString('base64');
    const content = JSON.stringify({ ...seedOrder(), packageType: 'OWN_PACKAGE', trackingNumber: '1Z', labelData });
    const envelope = parseEnvelope(
      Buffer.from(JSON.stringify({ accessId: 'a', method: 'createOrder', sign: 's', content })),
      'application/json',
    );
    expect(envelope.ok && envelope.envelope.content).toBe(content);
    const r = parseContent('createOrder', content);
    expect(r.ok && r.value.labelData?.length).toBe(labelData.length);
  });
});

describe('createAsnOrder', () => {
  const seed =
    '{"skuList":[{"sku":"CLO-CNQM5069BL","quantity":2}],"trackNumber":"A240925139551","asnNumber":"A240925139551","asnMarkSku":[{"sku":"CLO-CNQM5069BL","quantity":2,"markCode":"QY556553-A240925139551-1","boxNumber":"1","length":1.0,"width":1.0,"height":1.0}],"estimatedArrivalDate":null,"warehouseCode":"53"}';

  it('reads the seed example', () => {
    expect(parseContent('createAsnOrder', seed)).toEqual({
      ok: true,
      value: {
        asnNumber: 'A240925139551',
        warehouseCode: '53',
        trackNumber: 'A240925139551',
        skuList: [{ sku: 'CLO-CNQM5069BL', quantity: 2 }],
        asnMarkSku: [
          {
            sku: 'CLO-CNQM5069BL',
            quantity: 2,
            markCode: 'QY556553-A240925139551-1',
            boxNumber: 1,
            length: 1,
            width: 1,
            height: 1,
          },
        ],
      },
    });
  });

  it('requires asnNumber, warehouseCode and skuList quantities', () => {
    expect(errorOf(parseContent('createAsnOrder', '{"skuList":[{"sku":"S"}]}'))).toBe(
      'asnNumber is required; warehouseCode is required; skuList[0].quantity is required',
    );
  });

  it('defaults a missing asnMarkSku to [] and reads a numeric-string date', () => {
    const r = parseContent(
      'createAsnOrder',
      '{"asnNumber":"A","warehouseCode":"W","estimatedArrivalDate":"1744098883894","skuList":{"sku":"S","quantity":"5"}}',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        asnNumber: 'A',
        warehouseCode: 'W',
        estimatedArrivalDate: 1744098883894,
        skuList: [{ sku: 'S', quantity: 5 }],
        asnMarkSku: [],
      },
    });
  });
});

describe('getAsnList / cancelAsnOrder', () => {
  it('repairs the seed example that puts warehouseCode inside the array', () => {
    const seed = ' {"asnNumbers":["CESH210204147401","warehouseCode":"warehouse1"]}';
    expect(parseContent('getAsnList', seed)).toEqual({
      ok: true,
      value: { asnNumbers: ['CESH210204147401'], warehouseCode: 'warehouse1' },
    });
    expect(parseContent('cancelAsnOrder', seed)).toEqual({
      ok: true,
      value: { asnNumbers: ['CESH210204147401'], warehouseCode: 'warehouse1' },
    });
    expect(parseContent('getAsnList', '{"asnNumbers":["A","B" , "warehouseCode" : "w\\"1"]}')).toEqual({
      ok: true,
      value: { asnNumbers: ['A', 'B'], warehouseCode: 'w"1' },
    });
  });

  it('does not repair other broken JSON, nor for other methods', () => {
    expect(parseContent('getAsnList', '{"asnNumbers":["A","other":"x"]}')).toEqual({
      ok: false,
      message: 'content is not valid JSON',
    });
    expect(parseContent('getOrder', '{"asnNumbers":["A","warehouseCode":"w"]}')).toEqual({
      ok: false,
      message: 'content is not valid JSON',
    });
  });

  it('reads well-formed content, object items and a lone string', () => {
    expect(parseContent('cancelAsnOrder', ' {"asnNumbers":["CESH210204147401"],"warehouseCode":"warehouse1"}')).toEqual(
      {
        ok: true,
        value: { asnNumbers: ['CESH210204147401'], warehouseCode: 'warehouse1' },
      },
    );
    expect(parseContent('getAsnList', '{"asnNumbers":[{"asnNumber":"A1","warehouseCode":"W9"},"A2","A1"]}')).toEqual({
      ok: true,
      value: { asnNumbers: ['A1', 'A2'], warehouseCode: 'W9' },
    });
    expect(parseContent('getAsnList', '{"asnNumbers":"A1"}')).toEqual({ ok: true, value: { asnNumbers: ['A1'] } });
  });

  it.each([
    ['{}', 'asnNumbers is required'],
    ['{"asnNumbers":[]}', 'asnNumbers must not be empty'],
    ['{"asnNumbers":[{"sku":"x"}]}', 'asnNumbers[0].asnNumber is required'],
    ['{"asnNumbers":[true]}', 'asnNumbers[0] must be an ASN number or an object holding asnNumber'],
  ])('%s -> %s', (content, message) => {
    expect(errorOf(parseContent('getAsnList', content))).toBe(message);
  });
});

describe('insert_sku_info', () => {
  const seed =
    '{"itemPackage":null,"dimensionUnit":"cm","length":"1","weight":"1","title":"A1234名称","specifications":"黄-M","warehouseCode":"53","netWeight":"1","imageUrl":"http://qianyierp-test.oss.aliyuncs.com/image/NjRhNzU5YWU3Y2M1NjI4YjZlNzIyZjJkYzUxYmYxNjk%3D.jpg","width":"1","sku":"A1234","barcode":"A1234条码","weightUnit":"KG","height":"1"}';

  it('reads the seed example, defaulting erpSku to sku', () => {
    const r = parseContent('insert_sku_info', seed);
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toMatchObject({
      sku: 'A1234',
      erpSku: 'A1234',
      weight: 1,
      length: 1,
      width: 1,
      height: 1,
      netWeight: 1,
      weightUnit: 'KG',
      dimensionUnit: 'cm',
      title: 'A1234名称',
    });
    expect(r.value.itemPackage).toBeUndefined();
  });

  it.each([
    ['{"erpSku":"E"}', 'sku is required'],
    [`{"sku":"${'x'.repeat(31)}"}`, 'sku must be at most 30 characters'],
    ['{"sku":"S","weightUnit":"stone"}', 'weightUnit must be one of KG, LBS, GRAM'],
    ['{"sku":"S","weight":"heavy"}', 'weight must be a number greater than 0 and at most 99999999'],
  ])('%s -> %s', (content, message) => {
    expect(errorOf(parseContent('insert_sku_info', content))).toBe(message);
  });

  it('matches units case-insensitively', () => {
    const r = parseContent('insert_sku_info', '{"sku":"S","weightUnit":"lbs","dimensionUnit":"In"}');
    expect(r.ok && [r.value.weightUnit, r.value.dimensionUnit]).toEqual(['LBS', 'in']);
  });
});
