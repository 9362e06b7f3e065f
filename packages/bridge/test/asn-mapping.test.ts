import type { EtowerPo } from '@bridge/etower';
import type { CreateAsnOrderContent } from '@bridge/qianyi';
import { boxesOf, toEtowerPo } from '../src/asn/asn-mapping';
import { viewOfPo } from '../src/asn/asn-status-mapping';
import { asnPushContent } from '../src/asn/asn-push-content';
import type { AsnState } from '../src/asn/asn-state';

const asn = (over: Partial<CreateAsnOrderContent> = {}): CreateAsnOrderContent =>
  ({
    asnNumber: 'A1',
    warehouseCode: 'USWH1',
    skuList: [
      { sku: 'S1', quantity: 4 },
      { sku: 'S2', quantity: 2 },
    ],
    asnMarkSku: [],
    ...over,
  }) as CreateAsnOrderContent;
const shipper = { shipperWarehouseCode: 'SH1', boxWeightKg: 5, boxLengthCm: 40, boxWidthCm: 30, boxHeightCm: 20 };

describe('ASN boxes', () => {
  test("grouped by boxNumber with the marks' dimensions", () => {
    const boxes = boxesOf(
      asn({
        asnMarkSku: [
          { boxNumber: 1, sku: 'S1', quantity: 3, length: 10, width: 11, height: 12 },
          { boxNumber: 1, sku: 'S2', quantity: 2 },
          { boxNumber: 2, sku: 'S1', quantity: 1, length: 5, width: 5, height: 5 },
        ] as CreateAsnOrderContent['asnMarkSku'],
      }),
    );
    expect(boxes.map((b) => [b.boxNo, b.size, [...b.lines]])).toEqual([
      [
        '1',
        { l: 10, w: 11, h: 12 },
        [
          ['S1', 3],
          ['S2', 2],
        ],
      ],
      ['2', { l: 5, w: 5, h: 5 }, [['S1', 1]]],
    ]);
  });
  test('one box per line when there are no marks; what marks do not cover gets its own box', () => {
    expect(boxesOf(asn()).map((b) => [b.boxNo, [...b.lines]])).toEqual([
      ['1', [['S1', 4]]],
      ['2', [['S2', 2]]],
    ]);
    const partly = boxesOf(
      asn({ asnMarkSku: [{ boxNumber: 7, sku: 'S1', quantity: 4 }] as CreateAsnOrderContent['asnMarkSku'] }),
    );
    expect(partly.map((b) => [b.boxNo, [...b.lines]])).toEqual([
      ['7', [['S1', 4]]],
      ['L2', [['S2', 2]]],
    ]);
  });
  test('po: referenceNo = asnNumber, shipper from configuration, box weight and default sizes', () => {
    const r = toEtowerPo(asn(), shipper);
    expect(r.ok && r.po).toMatchObject({
      referenceNo: 'A1',
      warehouseCode: 'USWH1',
      shipperWarehouseCode: 'SH1',
      boxes: [
        {
          boxNo: '1',
          boxQty: 1,
          weightDeclared: 5,
          lengthDeclared: 40,
          declaredWeightUnit: 'KG',
          declareDimensionUnit: 'CM',
          lines: [{ sku: 'S1', productQty: 4 }],
        },
        { boxNo: '2', lines: [{ sku: 'S2', productQty: 2 }] },
      ],
    });
  });
  test('refused clearly without a shipper, or without a box size', () => {
    expect(toEtowerPo(asn(), undefined)).toEqual({
      ok: false,
      message: expect.stringContaining('no ASN shipper is configured'),
    });
    const r = toEtowerPo(asn(), { shipperWarehouseCode: 'SH1', boxWeightKg: 5 });
    expect(!r.ok && r.message).toContain('box 1 size');
  });
});

const po = (lines: Array<[string, number, number]>, over: Partial<EtowerPo> = {}): EtowerPo =>
  ({
    orderNo: 'E1',
    referenceNo: 'A1',
    status: 100,
    statusMsg: 'Created',
    deliveredDate: null,
    packingDetails: lines.map(([sku, forecastAmount, putAwayQty]) => ({ sku, forecastAmount, putAwayQty })),
    ...over,
  }) as unknown as EtowerPo;
const base = { lines: [], trackNumber: undefined, eta: undefined } as Pick<AsnState, 'lines' | 'trackNumber' | 'eta'>;

describe('ASN status mapping (reference §5.2)', () => {
  test.each([
    ['NEW', po([['S1', 4, 0]]), base],
    ['SHIPPING', po([['S1', 4, 0]]), { ...base, trackNumber: 'T1' }],
    ['SHIPPING', po([['S1', 4, 0]]), { ...base, eta: 1 }],
    ['RECEIVING', po([['S1', 4, 2]]), base],
    ['RECEIVING', po([['S1', 4, 0]], { deliveredDate: '2025-01-01 10:00:00' }), base],
    [
      'FINISHED',
      po([
        ['S1', 4, 4],
        ['S2', 1, 1],
      ]),
      base,
    ],
    ['DELETED', po([['S1', 4, 0]], { status: 900, statusMsg: 'Cancelled' }), base],
    ['CLOSED', po([['S1', 4, 1]], { status: 950, statusMsg: 'Closed' }), base],
  ] as const)('%s', (expected, p, hints) => {
    const view = viewOfPo(p, hints as never);
    expect(view.status).toBe(expected);
    expect(view.etowerStatus).toBe(p.status);
    expect(view.etowerStatusMsg).toBe(p.statusMsg);
  });
});

describe('pushAsnInfo quantities', () => {
  const state = {
    asnNumber: 'A1',
    warehouseCode: 'USWH1',
    status: 'RECEIVING',
    version: 3,
    updatedAt: 1700000000000,
    referenceNumber: 'E1',
    lines: [
      { sku: 'S1', estimated: 10, good: 6, bad: 1 },
      { sku: 'S2', estimated: 2, good: 2, bad: 0 },
    ],
  } as AsnState;
  test('increment: what was received since the last accepted push; batchNo from the version', () => {
    const { content, totals } = asnPushContent(state, { S1: { good: 4, bad: 0 } }, 'increment');
    expect(content).toMatchObject({
      batchNo: 'A1-3',
      updateTime: 1700000000000,
      wmsStatus: 'RECEIVING',
      skuList: [
        { sku: 'S1', estimatedQuantity: 10, goodQuantity: 2, badQuantity: 1, receivedQuantity: 3 },
        { sku: 'S2', estimatedQuantity: 2, goodQuantity: 2, badQuantity: 0, receivedQuantity: 2 },
      ],
    });
    expect(totals).toEqual({ S1: { good: 6, bad: 1 }, S2: { good: 2, bad: 0 } });
  });
  test('total: the running totals whatever was told before', () => {
    const { content } = asnPushContent(state, { S1: { good: 4, bad: 0 } }, 'total');
    expect((content.skuList as Array<{ receivedQuantity: number }>).map((l) => l.receivedQuantity)).toEqual([7, 2]);
  });
});

describe('poList lines merged by SKU (eTower lists a line per box)', () => {
  const asnState = (lines: AsnState['lines'], version: number) =>
    ({ asnNumber: 'A1', warehouseCode: 'USWH1', status: 'RECEIVING', version, updatedAt: 1, lines }) as AsnState;
  test('a SKU in three boxes is one line with the summed quantities, in first-seen order', () => {
    const view = viewOfPo(
      po([
        ['S1', 4, 4],
        ['S2', 2, 0],
        ['S1', 4, 1],
        ['S1', 2, 0],
      ]),
      base,
    );
    expect(view.lines).toEqual([
      { sku: 'S1', estimated: 10, good: 5, bad: 0 },
      { sku: 'S2', estimated: 2, good: 0, bad: 0 },
    ]);
    expect(view.status).toBe('RECEIVING');
  });
  test('FINISHED only when every box of the SKU is put away', () => {
    expect(
      viewOfPo(
        po([
          ['S1', 4, 4],
          ['S1', 4, 0],
        ]),
        base,
      ).status,
    ).toBe('RECEIVING');
    expect(
      viewOfPo(
        po([
          ['S1', 4, 4],
          ['S1', 4, 4],
        ]),
        base,
      ).status,
    ).toBe('FINISHED');
  });
  test('increments pushed over two polls add up to what was put away', () => {
    const first = viewOfPo(
      po([
        ['S1', 4, 4],
        ['S1', 4, 1],
      ]),
      base,
    );
    const push1 = asnPushContent(asnState(first.lines, 2), {}, 'increment');
    const second = viewOfPo(
      po([
        ['S1', 4, 4],
        ['S1', 4, 4],
      ]),
      base,
    );
    const push2 = asnPushContent(asnState(second.lines, 3), push1.totals, 'increment');
    const received = (c: typeof push1) =>
      (c.content.skuList as Array<{ sku: string; receivedQuantity: number }>).map((l) => [l.sku, l.receivedQuantity]);
    expect(received(push1)).toEqual([['S1', 5]]);
    expect(received(push2)).toEqual([['S1', 3]]);
  });
});
