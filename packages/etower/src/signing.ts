import { createHmac, timingSafeEqual } from 'node:crypto';

// eTower signs requests the way its older parcel API did (reference §1.2): HMAC-SHA1 over
// `METHOD\nX-WallTech-Date\nFULL_URL`, keyed with the Secret Key, standard Base64 with padding.
// The full URL includes the query string: eTower's docs are silent on it, and signing exactly what is sent
// is the only choice that cannot disagree with a server that signs what it received.

export const ETOWER_DATE_HEADER = 'X-WallTech-Date';
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignEtowerRequestInput {
  method: string;
  /** Full URL exactly as requested, scheme + host + path + query string. */
  url: string;
  token: string;
  key: string;
  now?: Date;
}

export interface EtowerSignature {
  /** Value of the X-WallTech-Date header; RFC 1123 in GMT, byte-identical to what was signed. */
  date: string;
  /** Value of the Authorization header: `WallTech <token>:<signature>`. */
  authorization: string;
}

export function etowerStringToSign(method: string, date: string, url: string): string {
  return `${method.toUpperCase()}\n${date}\n${url}`;
}

export function computeEtowerSignature(key: string, stringToSign: string): string {
  return createHmac('sha1', key).update(stringToSign, 'utf8').digest('base64');
}

export function signEtowerRequest(input: SignEtowerRequestInput): EtowerSignature {
  // Date#toUTCString already yields `Tue, 02 Aug 2022 06:43:37 GMT` (zero-padded day, GMT suffix).
  const date = (input.now ?? new Date()).toUTCString();
  const signature = computeEtowerSignature(input.key, etowerStringToSign(input.method, date, input.url));
  return { date, authorization: `WallTech ${input.token}:${signature}` };
}

export interface VerifyEtowerAuthorizationInput {
  method: string;
  url: string;
  dateHeader: string | undefined;
  authorization: string | undefined;
  token: string;
  key: string;
  now: Date;
  maxSkewMs?: number;
}

export type EtowerVerification = { ok: true } | { ok: false; reason: string };

/** Server side of the scheme (used by the sandbox): same recipe, same 15-minute window as eTower. */
export function verifyEtowerAuthorization(input: VerifyEtowerAuthorizationInput): EtowerVerification {
  const { dateHeader, authorization } = input;
  if (!dateHeader) return { ok: false, reason: `missing ${ETOWER_DATE_HEADER} header` };
  if (!authorization) return { ok: false, reason: 'missing Authorization header' };
  const sentAt = Date.parse(dateHeader);
  if (Number.isNaN(sentAt)) return { ok: false, reason: `${ETOWER_DATE_HEADER} is not an HTTP date` };
  const skew = Math.abs(input.now.getTime() - sentAt);
  if (skew > (input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS)) {
    return { ok: false, reason: `${ETOWER_DATE_HEADER} is ${Math.round(skew / 1000)}s away from server time (clock skew)` };
  }
  const match = /^WallTech ([^:\s]+):(\S+)$/.exec(authorization);
  if (!match) return { ok: false, reason: 'Authorization is not "WallTech <token>:<signature>"' };
  const [, token = '', signature = ''] = match;
  // The token is an account id, not a secret, but compare it in constant time as well: it costs nothing.
  if (!constantTimeEqual(token, input.token)) return { ok: false, reason: 'unknown token' };
  const expected = computeEtowerSignature(input.key, etowerStringToSign(input.method, dateHeader, input.url));
  if (!constantTimeEqual(signature, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of the input.
  if (left.length !== right.length) {
    timingSafeEqual(right, right);
    return false;
  }
  return timingSafeEqual(left, right);
}
