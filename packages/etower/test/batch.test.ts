import { decodeBatch } from '../src/decoders/batch';
import { EtowerBusinessError } from '../src/errors/business-error';
import { EtowerMalformedResponseError } from '../src/errors/malformed-response-error';

const o = { endpoint: '/createOrders', keys: ['A', 'B', 'C'], keyField: 'referenceNo' };
const okEnv = (ref: string, orderNo: string) => ({
  code: '0',
  data: { orderNo, referenceNo: ref },
  errors: '',
  message: '',
  messageId: '',
  success: true,
  warnList: '',
});
const dupEnv = (ref: string) => ({
  code: '00005',
  data: { orderNo: '', referenceNo: ref },
  message: 'paramter error',
  messageId: '',
  success: false,
  warnList: '',
  errors: [{ code: '600904', message: `referenceNo:${ref},Already exists in the system` }],
});

describe('decodeBatch (createOrders answers)', () => {
  it('array of envelopes in submission order (seed layout)', () => {
    const out = decodeBatch([okEnv('A', 'C1'), dupEnv('B'), okEnv('C', 'C3')], o);
    expect(out[0]).toEqual({ key: 'A', ok: true, data: { orderNo: 'C1', referenceNo: 'A' } });
    expect(out[1]).toMatchObject({
      key: 'B',
      ok: false,
      missing: false,
      duplicate: true,
      code: '00005',
      message: 'paramter error',
      reason: 'eTower refused (600904): referenceNo:B,Already exists in the system',
    });
    expect(out[2]).toMatchObject({ key: 'C', ok: true });
  });

  it('a short array leaves the rest missing, not refused', () => {
    const out = decodeBatch([okEnv('A', 'C1')], o);
    expect(out.map((r) => [r.key, r.ok, 'missing' in r && r.missing])).toEqual([
      ['A', true, false],
      ['B', false, true],
      ['C', false, true],
    ]);
  });

  it('matches by data.referenceNo, falling back to position', () => {
    const out = decodeBatch([okEnv('C', 'C3'), { code: '0', success: true, data: { orderNo: 'C2' } }], o);
    expect(out.map((r) => r.ok)).toEqual([false, true, true]);
    expect(out[1]).toMatchObject({ key: 'B', data: { orderNo: 'C2' } });
  });

  it('older layout: one envelope whose data keys errors by referenceNo', () => {
    const body = {
      code: '0',
      success: true,
      errors: '',
      data: { B: [{ code: '600904', message: 'referenceNo:B,Already exists in the system' }] },
    };
    const out = decodeBatch(body, o);
    expect(out[1]).toMatchObject({ key: 'B', ok: false, missing: false, duplicate: true, code: '600904' });
    expect(out[0]).toMatchObject({ key: 'A', missing: true });
  });

  it('single envelope for the batch: data array of records, or one record', () => {
    const out = decodeBatch(
      {
        code: '0',
        success: true,
        data: [
          { referenceNo: 'A', orderNo: 'C1' },
          { referenceNo: 'B', orderNo: 'C2' },
        ],
      },
      o,
    );
    expect(out.map((r) => r.ok)).toEqual([true, true, false]);
    const one = decodeBatch(
      { code: '0', success: true, data: { referenceNo: 'A', orderNo: 'C1' } },
      { ...o, keys: ['A'] },
    );
    expect(one).toEqual([{ key: 'A', ok: true, data: { referenceNo: 'A', orderNo: 'C1' } }]);
  });

  it('top-level success:false refuses the whole batch', () => {
    expect(() =>
      decodeBatch({ code: '3', success: false, message: 'parameters error', errors: '', data: '' }, o),
    ).toThrow(EtowerBusinessError);
  });

  it('a lone refusing envelope is the refusal of a one-item batch, a duplicate included', () => {
    const one = { ...o, keys: ['B'] };
    expect(decodeBatch(dupEnv('B'), one)).toEqual([
      expect.objectContaining({ key: 'B', ok: false, missing: false, duplicate: true, code: '00005' }),
    ]);
    const byCode = decodeBatch(
      { code: '600904', success: false, message: 'referenceNo:B,Already exists in the system', errors: '' },
      one,
    );
    expect(byCode[0]).toMatchObject({
      duplicate: true,
      reason: 'eTower refused (600904): referenceNo:B,Already exists in the system',
    });
    const other = decodeBatch(
      {
        code: '3',
        success: false,
        message: 'parameters error',
        errors: [{ code: '600906', message: 'warehouseServiceName:X ,Does not exist' }],
      },
      one,
    );
    expect(other[0]).toMatchObject({ ok: false, missing: false, duplicate: false, code: '3' });
  });

  it('per-item answers inside a refusing envelope are read per item', () => {
    const nested = decodeBatch(
      { code: '3', success: false, message: 'x', errors: '', data: [okEnv('A', 'C1'), dupEnv('B')] },
      o,
    );
    expect(nested.map((r) => [r.key, r.ok, !r.ok && !r.missing && r.duplicate])).toEqual([
      ['A', true, false],
      ['B', false, true],
      ['C', false, false],
    ]);
    const keyed = decodeBatch(
      {
        code: '3',
        success: false,
        message: 'x',
        errors: '',
        data: { B: [{ code: '600904', message: 'referenceNo:B,Already exists in the system' }] },
      },
      o,
    );
    expect(keyed[1]).toMatchObject({ key: 'B', duplicate: true });
    expect(keyed[0]).toMatchObject({ key: 'A', missing: true });
  });

  it('a refusing envelope of a larger batch is per item when every error names one of its keys', () => {
    const body = {
      code: '3',
      success: false,
      message: 'parameters error',
      data: '',
      errors: [
        { code: '600904', message: 'referenceNo:B,Already exists in the system' },
        { code: '600906', message: 'referenceNo:C warehouseServiceName:X ,Does not exist' },
      ],
    };
    const out = decodeBatch(body, { ...o, keys: ['A', 'B', 'C', 'C1'] });
    expect(out[0]).toMatchObject({ key: 'A', missing: true });
    expect(out[1]).toMatchObject({ key: 'B', duplicate: true, code: '600904' });
    expect(out[2]).toMatchObject({ key: 'C', duplicate: false, code: '600906' });
    expect(out[3]).toMatchObject({ key: 'C1', missing: true });
    // An error naming none of the keys: the refusal is the batch's.
    expect(() =>
      decodeBatch({ ...body, errors: [...body.errors, { code: '9', message: 'token expired' }] }, o),
    ).toThrow(EtowerBusinessError);
  });

  it('garbage is malformed', () => {
    expect(() => decodeBatch('<html>', o)).toThrow(EtowerMalformedResponseError);
    expect(() => decodeBatch([1, 2], o)).toThrow(EtowerMalformedResponseError);
  });

  it('product duplicates recognised by wording', () => {
    const out = decodeBatch(
      [{ code: '7', success: false, message: 'x', errors: [{ code: '1', message: 'SKU A already exists' }] }],
      { endpoint: '/p', keys: ['A'], keyField: 'sku', duplicateMessage: /already exist/i },
    );
    expect(out[0]).toMatchObject({ duplicate: true });
  });
});
