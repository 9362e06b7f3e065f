import { classifyEtowerFailure } from '../src/errors/classify';
import { EtowerAuthError } from '../src/errors/auth-error';
import { EtowerBusinessError } from '../src/errors/business-error';
import { EtowerHttpError } from '../src/errors/http-error';
import { EtowerMalformedResponseError } from '../src/errors/malformed-response-error';
import { EtowerNetworkError } from '../src/errors/network-error';
import { EtowerTimeoutError } from '../src/errors/timeout-error';
import { EtowerError } from '../src/errors/etower-error';
import { parseRetryAfter } from '../src/errors/retry-after';

const ep = '/api/supplier-service/v1/b2c/orderList';

describe('classifyEtowerFailure', () => {
  it.each([
    ['network', new EtowerNetworkError(ep, 'ECONNREFUSED', 'connect ECONNREFUSED'), true, 'network'],
    ['timeout', new EtowerTimeoutError(ep, 300), true, 'timeout'],
    ['HTTP 500', new EtowerHttpError(ep, 500, 'oops'), true, 'http'],
    ['HTTP 502', new EtowerHttpError(ep, 502, ''), true, 'http'],
    ['HTTP 408', new EtowerHttpError(ep, 408, ''), true, 'http'],
    ['HTTP 429', new EtowerHttpError(ep, 429, '', 2000), true, 'http'],
    ['HTTP 400', new EtowerHttpError(ep, 400, ''), false, 'http'],
    ['HTTP 404', new EtowerHttpError(ep, 404, ''), false, 'http'],
    ['401', new EtowerAuthError(ep, ''), true, 'auth'],
    ['malformed', new EtowerMalformedResponseError(ep, 'not JSON', '<html>'), true, 'malformed'],
    [
      'business',
      new EtowerBusinessError(ep, '00005', 'paramter error', [{ code: '600906', message: 'no such service' }]),
      false,
      'business',
    ],
  ])('%s', (_name, err, retryable, kind) => {
    expect(err).toBeInstanceOf(EtowerError);
    expect(classifyEtowerFailure(err)).toMatchObject({ retryable, kind, message: err.message });
  });

  it('carries retryAfterMs and codes', () => {
    expect(classifyEtowerFailure(new EtowerHttpError(ep, 429, '', 2000))).toEqual(
      expect.objectContaining({ retryAfterMs: 2000, code: '429' }),
    );
    expect(
      classifyEtowerFailure(new EtowerBusinessError(ep, '00005', 'x', [{ code: '600906', message: 'm' }])).code,
    ).toBe('600906');
    expect(classifyEtowerFailure(new EtowerBusinessError(ep, '3', 'parameters error', [])).code).toBe('3');
  });

  it('handles errors that are not ours', () => {
    expect(classifyEtowerFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toMatchObject({
      retryable: true,
      kind: 'network',
    });
    expect(classifyEtowerFailure(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toMatchObject({
      retryable: true,
      kind: 'timeout',
    });
    expect(classifyEtowerFailure(new Error('weird'))).toEqual({ retryable: true, kind: 'unknown', message: 'weird' });
    expect(classifyEtowerFailure('a string')).toEqual({ retryable: true, kind: 'unknown', message: 'a string' });
  });

  it('business messages read well; malformed keeps 200 chars', () => {
    const b = new EtowerBusinessError(ep, '00005', 'paramter error', [
      { code: '600906', message: 'warehouseServiceName:X ,Does not exist in the shipperAddressCode:W' },
    ]);
    expect(b.message).toBe(
      'eTower refused (600906): warehouseServiceName:X ,Does not exist in the shipperAddressCode:W',
    );
    expect(new EtowerBusinessError(ep, '3', 'parameters error', []).message).toBe(
      'eTower refused (3): parameters error',
    );
    const m = new EtowerMalformedResponseError(ep, 'not JSON', 'x'.repeat(500));
    expect(m.bodySnippet).toHaveLength(200);
    expect(new EtowerAuthError(ep, '').message).toMatch(/clock/);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
