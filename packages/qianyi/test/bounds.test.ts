import fc from 'fast-check';
import { anyCodePoint } from '@bridge/testkit/arbitraries';
import { ISO_3166_ALPHA_2, MAX_MONEY, MAX_QUANTITY, parseContent } from '../src/index';

// Bounds at the door (issue 22): every value the issue found reaching eTower, and properties that hold for any
// value. Each refusal names the field path.
const errorOf = (r: { ok: boolean; message?: string }) => (r.ok ? 'ok' : r.message);
const QTY = 'must be a whole number between 1 and 999999999';
const MONEY = 'must be an amount between 0 and 99999999.99';
const ID_CHARS = 'must not contain control, line-separator, bidirectional or invisible characters';

const order = (
  over: Record<string, unknown> = {},
  line: Record<string, unknown> = {},
  receiver: Record<string, unknown> = {},
) => ({
  orderNumber: 'SO-1',
  onlineOrderId: '113195753779',
  shopName: '测试',
  logisticsCode: 'FedexGround',
  platform: 'tiktok',
  warehouseCode: 'QY_01',
  freight: 20.0,
  receiver: {
    name: 'Kimberly White',
    phone: '1889838055188',
    country: 'US',
    state: 'AR',
    city: 'Harrison',
    address1: 'TestStreet1',
    postalCode: '72601',
    ...receiver,
  },
  skuList: [{ sku: 'CL0000000000001', quantity: 1, amount: 120.0, ...line }],
  ...over,
});
const createOrder = (o: unknown) => parseContent('createOrder', typeof o === 'string' ? o : JSON.stringify(o));
const asn = (over: Record<string, unknown> = {}, mark: Record<string, unknown> = {}) =>
  JSON.stringify({
    asnNumber: 'A1',
    warehouseCode: 'W1',
    skuList: [{ sku: 'S1', quantity: 2 }],
    asnMarkSku: [{ boxNumber: '1', sku: 'S1', quantity: 2, length: 10, width: 10, height: 10, ...mark }],
    ...over,
  });
const sku = (over: Record<string, unknown>) =>
  parseContent('insert_sku_info', JSON.stringify({ sku: 'A1234', weight: '1', weightUnit: 'KG', ...over }));

describe('quantities: whole numbers from 1 to 999,999,999', () => {
  it.each([1e30, 1e308, '9007199254740993', '1e30', 0, -1, 1.5, MAX_QUANTITY + 1, 'two', true])(
    'skuList[0].quantity %p is refused',
    (q) => {
      expect(errorOf(createOrder(order({}, { quantity: q })))).toBe(`skuList[0].quantity ${QTY}`);
    },
  );

  it('2^53+1 written as a JSON number (which reads as 2^53) is refused, not rounded', () => {
    const text = JSON.stringify(order({}, { quantity: 0 })).replace('"quantity":0', '"quantity":9007199254740993');
    expect(errorOf(createOrder(text))).toBe(`skuList[0].quantity ${QTY}`);
  });

  it('999,999,999 and "1.0" are accepted', () => {
    const r = createOrder(order({}, { quantity: MAX_QUANTITY }));
    expect(r.ok && r.value.skuList[0]!.quantity).toBe(MAX_QUANTITY);
    const s = createOrder(order({}, { quantity: '1.0' }));
    expect(s.ok && s.value.skuList[0]!.quantity).toBe(1);
  });

  it('the line index is named', () => {
    const o = order();
    o.skuList = [o.skuList[0]!, o.skuList[0]!, { ...o.skuList[0]!, quantity: 1e30 }];
    expect(errorOf(createOrder(o))).toBe(`skuList[2].quantity ${QTY}`);
  });

  it('ASN lines, packing entries and box numbers', () => {
    expect(errorOf(parseContent('createAsnOrder', asn({ skuList: [{ sku: 'S1', quantity: 1e30 }] })))).toBe(
      `skuList[0].quantity ${QTY}`,
    );
    expect(errorOf(parseContent('createAsnOrder', asn({}, { quantity: 1e30 })))).toBe(
      'asnMarkSku[0].quantity must be a whole number between 0 and 999999999',
    );
    expect(errorOf(parseContent('createAsnOrder', asn({}, { boxNumber: 1e30 })))).toBe(
      'asnMarkSku[0].boxNumber must be a whole number between 0 and 999999999',
    );
    expect(parseContent('createAsnOrder', asn({}, { quantity: 0 })).ok).toBe(true);
  });

  it('property: any finite number is accepted exactly when it is a whole number in range, and kept as sent', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 2 * MAX_QUANTITY })),
        (n) => {
          const sent = JSON.parse(JSON.stringify(n)) as number;
          const r = createOrder(order({}, { quantity: n }));
          const fits = Number.isSafeInteger(sent) && sent >= 1 && sent <= MAX_QUANTITY;
          if (fits) return r.ok && r.value.skuList[0]!.quantity === sent;
          return !r.ok && r.message === `skuList[0].quantity ${QTY}`;
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('money: finite, from 0 to 99,999,999.99, per line and in total', () => {
  it.each([
    [{}, { amount: 1e307 }, `skuList[0].amount ${MONEY}`],
    [{}, { amount: -0.01 }, `skuList[0].amount ${MONEY}`],
    [{}, { amount: '1e400' }, `skuList[0].amount ${MONEY}`],
    [{}, { shippingPrice: 1e20 }, `skuList[0].shippingPrice ${MONEY}`],
    [{ freight: 1e308 }, {}, `freight ${MONEY}`],
    [{ codEnabled: 1, codPayAmount: -5, codCurrency: 'USD' }, {}, `codPayAmount ${MONEY}`],
  ])('%p %p -> %s', (over, line, message) => {
    expect(errorOf(createOrder(order(over, line)))).toBe(message);
  });

  it("lines that add up past eTower's invoiceValue are refused as a whole", () => {
    const o = order({}, { amount: 60_000_000 });
    o.skuList = [o.skuList[0]!, o.skuList[0]!];
    expect(errorOf(createOrder(o))).toBe(
      "skuList amounts add up to more than 99999999.99, the most eTower's invoiceValue holds",
    );
  });

  it('property: any finite amount is accepted exactly when it is within 0..MAX_MONEY', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const sent = JSON.parse(JSON.stringify(n)) as number;
        const r = createOrder(order({}, { amount: n }));
        return sent >= 0 && sent <= MAX_MONEY
          ? r.ok && r.value.skuList[0]!.amount === sent
          : errorOf(r) === `skuList[0].amount ${MONEY}`;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("identifiers: eTower's lengths, no control, line-separator, bidi or invisible characters", () => {
  it("a 10,249-character orderNumber is refused (eTower's referenceNo holds 50)", () => {
    expect(errorOf(createOrder(order({ orderNumber: 'X'.repeat(10_249) })))).toBe(
      'orderNumber must be at most 50 characters',
    );
    expect(createOrder(order({ orderNumber: 'X'.repeat(50) })).ok).toBe(true);
  });

  it.each([
    ['SO\u00001', 'U+0000 at character 3'],
    ['SO\r\n1', 'U+000D at character 3'],
    ['SO\u202e1', 'U+202E at character 3'],
    ['SO\u20281', 'U+2028 at character 3'],
    ['SO\u200b1', 'U+200B at character 3'],
    ['SO\u00851', 'U+0085 at character 3'],
    ['SO\ud8001', 'U+D800 at character 3'],
  ])('orderNumber %j is refused, naming %s', (orderNumber, where) => {
    expect(errorOf(createOrder(order({ orderNumber })))).toBe(`orderNumber ${ID_CHARS} (${where})`);
    expect(errorOf(parseContent('getOrder', JSON.stringify({ orderNumber })))).toBe(
      `orderNumber ${ID_CHARS} (${where})`,
    );
    expect(errorOf(parseContent('cancelOrder', JSON.stringify({ orderNumber })))).toBe(
      `orderNumber ${ID_CHARS} (${where})`,
    );
  });

  it('other identifiers by their eTower lengths', () => {
    expect(errorOf(createOrder(order({}, { sku: 'S'.repeat(31) })))).toBe(
      'skuList[0].sku must be at most 30 characters',
    );
    expect(errorOf(createOrder(order({}, { hsCode: '1'.repeat(21) })))).toBe(
      'skuList[0].hsCode must be at most 20 characters',
    );
    expect(errorOf(createOrder(order({ logisticsCode: 'C'.repeat(65) })))).toBe(
      'logisticsCode must be at most 64 characters',
    );
    expect(errorOf(parseContent('createAsnOrder', asn({ warehouseCode: 'W'.repeat(21) })))).toBe(
      'warehouseCode must be at most 20 characters',
    );
    expect(errorOf(parseContent('createAsnOrder', asn({ asnNumber: 'A\n1' })))).toBe(
      `asnNumber ${ID_CHARS} (U+000A at character 2)`,
    );
    expect(errorOf(parseContent('getAsnList', '{"asnNumbers":["A1","A\\u202e2"]}'))).toBe(
      `asnNumbers[1].asnNumber ${ID_CHARS} (U+202E at character 2)`,
    );
    expect(
      errorOf(parseContent('syncInventory', JSON.stringify({ page: 1, pageSize: 10, warehouseCode: 'W\u0000' }))),
    ).toBe(`warehouseCode ${ID_CHARS} (U+0000 at character 2)`);
  });

  it('property: an orderNumber is accepted exactly when it fits 50 characters and holds none of those characters; else the first one is named', () => {
    // The oracle reads Unicode's own categories, independent of the bridge's character class.
    const forbidden = /\p{Cc}|\p{Bidi_Control}|\p{Zl}|\p{Zp}|[\u200b-\u200d\u2060\ufeff]|\p{Cs}/u;
    const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const chars = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: anyCodePoint }),
      fc.string({
        unit: fc.constantFrom(
          'a',
          '-',
          ' ',
          '\u0000',
          '\n',
          '\u202e',
          '\u2066',
          '\u200f',
          '\u2029',
          '\ufeff',
          '\ud800',
          '\udfff',
          '😀',
          '名',
        ),
      }),
    );
    fc.assert(
      fc.property(fc.oneof(chars, fc.string({ minLength: 40, maxLength: 60 })), (s) => {
        const r = parseContent('getOrder', JSON.stringify({ orderNumber: s }));
        const t = s.trim();
        if (t === '' || t === 'null') return errorOf(r) === 'orderNumber is required';
        if (t.length > 50) return errorOf(r) === 'orderNumber must be at most 50 characters';
        const hit = forbidden.exec(t);
        if (hit)
          return (
            errorOf(r) === `orderNumber ${ID_CHARS} (${hex(hit[0].codePointAt(0)!)} at character ${hit.index + 1})`
          );
        return r.ok && r.value.orderNumber === t;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('free text: bounded, no control characters, bidi marks allowed', () => {
  it('a 100,000-character receiver name is refused', () => {
    expect(errorOf(createOrder(order({}, {}, { name: 'N'.repeat(100_000) })))).toBe(
      'receiver.name must be at most 100 characters',
    );
  });
  it('a right-to-left name with its marks and a two-line address are accepted; a NUL is not', () => {
    expect(createOrder(order({}, {}, { name: '\u200fשרה כהן', address1: 'Flat 2\nHigh St' })).ok).toBe(true);
    expect(errorOf(createOrder(order({}, {}, { city: 'Har\u0000rison' })))).toBe(
      'receiver.city must not contain control characters (U+0000 at character 4)',
    );
  });
});

describe('country codes: ISO 3166-1 alpha-2', () => {
  const COUNTRY = 'receiver.country must be an ISO 3166-1 alpha-2 country code such as US';
  it('has the 249 assigned codes', () => {
    expect(ISO_3166_ALPHA_2.size).toBe(249);
  });
  it.each(['not-a-country-💥', 'USA', 'XK', 'EU', 'U S', 7])('%p is refused', (country) => {
    expect(errorOf(createOrder(order({}, {}, { country })))).toBe(COUNTRY);
  });
  it.each([
    ['us', 'US'],
    [' de ', 'DE'],
    ['UK', 'GB'],
    ['uk', 'GB'],
    ['AX', 'AX'],
  ])('%p is read as %p', (country, code) => {
    const r = createOrder(order({}, {}, { country }));
    expect(r.ok && r.value.receiver.country).toBe(code);
  });
});

describe('dates: valid and within 2000..2099', () => {
  const EPOCH = 'must be a time in epoch milliseconds between 2000-01-01 and 2099-12-31';
  it.each([1e30, -1, 1744098883.894, 1744098883, '1e30', 'tomorrow', 4102444800000])(
    'estimatedArrivalDate %p is refused',
    (estimatedArrivalDate) => {
      expect(errorOf(parseContent('createAsnOrder', asn({ estimatedArrivalDate })))).toBe(
        `estimatedArrivalDate ${EPOCH}`,
      );
    },
  );
  it('epoch milliseconds, as a number or a string, and null are accepted', () => {
    for (const d of [1744098883894, '1744098883894', null])
      expect(parseContent('createAsnOrder', asn({ estimatedArrivalDate: d })).ok).toBe(true);
  });
  it("an order's dates are kept as given when they read as dates in range", () => {
    const r = createOrder(order({ orderCreate: '2024-01-02 10:00:00', deliveryTime: 1744098883894 }));
    expect(r.ok && [r.value.orderCreate, r.value.deliveryTime]).toEqual(['2024-01-02 10:00:00', 1744098883894]);
    for (const orderCreate of [1e30, 'soon', '1999-12-31', 1744098883, { at: 1 }]) {
      expect(errorOf(createOrder(order({ orderCreate })))).toBe(
        'orderCreate must be a date (text or epoch milliseconds) between 2000-01-01 and 2099-12-31',
      );
    }
  });
});

describe('products: sizes, weights, codes and URLs', () => {
  it.each([
    [{ length: -1 }, 'length must be a number greater than 0 and at most 9999.9'],
    [{ width: 0 }, 'width must be a number greater than 0 and at most 9999.9'],
    [{ height: 1e30 }, 'height must be a number greater than 0 and at most 9999.9'],
    [{ weight: -0.5 }, 'weight must be a number greater than 0 and at most 99999999'],
    [{ itemPackage: 1e30 }, 'itemPackage must be a whole number between 0 and 999999999'],
    [{ barcode: 'B'.repeat(51) }, 'barcode must be at most 50 characters'],
    [{ specifications: 'S'.repeat(128) }, 'specifications must be at most 127 characters'],
    [{ imageUrl: 'javascript:alert(1)' }, 'imageUrl must be an http or https URL of at most 4000 characters'],
    [{ imageUrl: 'ftp://example.com/a.jpg' }, 'imageUrl must be an http or https URL of at most 4000 characters'],
    [{ imageUrl: 'http://exa mple.com/a.jpg' }, 'imageUrl must be an http or https URL of at most 4000 characters'],
    [
      { imageUrl: `https://example.com/${'a'.repeat(4000)}` },
      'imageUrl must be an http or https URL of at most 4000 characters',
    ],
  ])('%p -> %s', (over, message) => {
    expect(errorOf(sku(over))).toBe(message);
  });
  it("the seed's image URL and an https one are accepted", () => {
    expect(
      sku({
        imageUrl: 'http://qianyierp-test.oss.aliyuncs.com/image/NjRhNzU5YWU3Y2M1NjI4YjZlNzIyZjJkYzUxYmYxNjk%3D.jpg',
      }).ok,
    ).toBe(true);
    expect(sku({ imageUrl: 'HTTPS://example.com/a.jpg' }).ok).toBe(true);
  });
  it('ASN box sizes: negative and 1e30 refused, 0 means "not measured"', () => {
    expect(errorOf(parseContent('createAsnOrder', asn({}, { length: 1e30 })))).toBe(
      'asnMarkSku[0].length must be a number between 0 and 9999.9',
    );
    expect(errorOf(parseContent('createAsnOrder', asn({}, { width: -1 })))).toBe(
      'asnMarkSku[0].width must be a number between 0 and 9999.9',
    );
    expect(parseContent('createAsnOrder', asn({}, { height: 0 })).ok).toBe(true);
  });
});

describe('currencies and lists', () => {
  it('codCurrency is three letters, upper-cased', () => {
    const r = createOrder(order({ codEnabled: 1, codPayAmount: 5, codCurrency: 'usd' }));
    expect(r.ok && r.value.codCurrency).toBe('USD');
    expect(errorOf(createOrder(order({ codEnabled: 1, codPayAmount: 5, codCurrency: 'dollars' })))).toBe(
      'codCurrency must be a three-letter ISO 4217 currency code such as USD',
    );
  });
  it('an order of more than 1000 lines, or a getAsnList of more than 1000 numbers, is refused', () => {
    const o = order();
    o.skuList = Array.from({ length: 1001 }, () => o.skuList[0]!);
    expect(errorOf(createOrder(o))).toBe('skuList must not have more than 1000 entries');
    expect(
      errorOf(
        parseContent('getAsnList', JSON.stringify({ asnNumbers: Array.from({ length: 1001 }, (_, i) => `A${i}`) })),
      ),
    ).toBe('asnNumbers must not have more than 1000 entries');
  });
});
