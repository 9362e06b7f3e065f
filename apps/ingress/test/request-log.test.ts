import { REDACT_PATHS } from '@bridge/runtime';
import type { RequestLog } from '../src/request-log';

// The request line skips the logger's redaction pass (request-log.ts says why): that holds only while none of its
// fields is one a redaction path names. `Required<RequestLog>` makes a new field a compile error here until listed.
test("no field of the request line is one the logger's redaction paths name", () => {
  const line: Required<RequestLog> & { http: object; ms: number } = {
    reqId: '',
    tenant: '',
    qianyiMethod: '',
    signCandidate: '',
    authFailure: 'wrong_sign',
    bodyRefused: 'busy',
    success: true,
    error: '',
    http: { method: '', path: '', status: 0 },
    ms: 0,
  };
  const named = new Set(REDACT_PATHS.map((p) => p.split('.').pop()!));
  const fields = [...Object.keys(line), ...Object.keys(line.http)];
  expect(fields.filter((f) => named.has(f))).toEqual([]);
  expect(named.has('sign')).toBe(true);
});
