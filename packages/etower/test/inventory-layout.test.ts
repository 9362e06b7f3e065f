import { decodeInventoryPage } from '../src/decoders/inventory';
import { classifyEtowerFailure } from '../src/errors/classify';
import { EtowerMalformedResponseError } from '../src/errors/malformed-response-error';
import { EtowerUnexpectedAnswerError } from '../src/errors/unexpected-answer-error';

// An inventory page whose layout is not understood must fail loudly: read as empty, it publishes an empty
// inventory (issue 22). The records list is only presumed to be PageHelper's `list` (reference §3.6).
const ep = '/api/supplier-service/v1/b2b/inventory';
const rec = {
  sku: 'S',
  warehouseInventoryDTOList: [
    {
      overseasWarehouseCode: 'USWH1',
      availableInventory: 7,
      incomingInventory: 0,
      outgoingInventory: 0,
      unsellableInventory: '',
    },
  ],
};
const page = { pageNum: 1, pageSize: 100, pages: 1, hasNextPage: false, isLastPage: true };

const failure = (data: unknown): unknown => {
  try {
    decodeInventoryPage(ep, data);
  } catch (err) {
    return err;
  }
  throw new Error('expected the page to be refused');
};

describe('decodeInventoryPage', () => {
  it("reads the layouts it knows, with eTower's total", () => {
    expect(decodeInventoryPage(ep, { ...page, list: [rec], total: 1 })).toMatchObject({
      records: [{ sku: 'S' }],
      total: 1,
      pageSize: 100,
      hasNextPage: false,
    });
    expect(decodeInventoryPage(ep, [rec])).toMatchObject({ records: [{ sku: 'S' }], hasNextPage: false });
    expect(decodeInventoryPage(ep, [rec]).total).toBeUndefined();
    expect(decodeInventoryPage(ep, { ...page, list: [], total: 0 })).toMatchObject({ records: [], total: 0 });
    // Past the last page PageHelper answers an empty list beside the real total.
    expect(decodeInventoryPage(ep, { ...page, pageNum: 9, list: [], total: 5 })).toMatchObject({
      records: [],
      total: 5,
    });
    expect(decodeInventoryPage(ep, '')).toMatchObject({ records: [] });
    expect(decodeInventoryPage(ep, { ...page, list: '', total: 0 })).toMatchObject({ records: [], total: 0 });
  });

  it.each([
    ['rows under "records", no list', { ...page, records: [rec], total: 1 }, /records are under "records", not "list"/],
    [
      'rows under "rows" beside an empty list',
      { ...page, list: [], rows: [rec], total: 1 },
      /records are under "rows"/,
    ],
    ['a total with no list at all', { ...page, total: 12 }, /total is 12 but the page has no "list"/],
    ['an object that is no page', { items: 3, status: 'ok' }, /not a page/],
    ['"list" as an object', { ...page, list: { S: rec } }, /"list" is a object/],
    ['a number', 42, /data is a number/],
  ])('refuses %s with EtowerUnexpectedAnswerError, final', (_name, data, message) => {
    const err = failure(data);
    expect(err).toBeInstanceOf(EtowerUnexpectedAnswerError);
    expect((err as Error).message).toMatch(message);
    expect(classifyEtowerFailure(err)).toMatchObject({ retryable: false, kind: 'shape' });
  });

  it('a record that does not decode is still malformed (retryable), not a layout question', () => {
    const err = failure({
      ...page,
      list: [{ sku: 'S', warehouseInventoryDTOList: [{ availableInventory: 'lots' }] }],
      total: 1,
    });
    expect(err).toBeInstanceOf(EtowerMalformedResponseError);
  });
});
