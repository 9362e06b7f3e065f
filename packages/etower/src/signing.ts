import { createHmac, timingSafeEqual } from 'node:crypto';

// eTower signs requests the way its older parcel API did (reference §1.2): HMAC-SHA1 over
// `METHOD\nX-WallTech-Date\nFULL_URL`, keyed with the Secret Key, Base64 with padding. Standard Base64 is what
// every public integration sends; a doc sample's `_` hints at URL-safe Base64 (reference §1.3), so both flavours
// can be produced and verified, and the transport learns which one eTower takes (signature-flavour.ts).
// The full URL includes the query string: eTower's docs are silent on it, and signing exactly what is sent
// is the only choice that cannot disagree with a server that signs what it received.

export const ETOWER_DATE_HEADER = 'X-WallTech-Date';
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** `standard`: `+` `/` (RFC 4648 §4); `url-safe`: `-` `_` (§5). Both keep the `=` padding. */
export const BASE64_FLAVOURS = ['standard', 'url-safe'] as const;
export type Base64Flavour = (typeof BASE64_FLAVOURS)[number];

/** Whether this standard-Base64 signature reads differently in URL-safe Base64 (has a `+` or a `/`). */
export function flavourMatters(standardSignature: string): boolean {
  return /[+/]/.test(standardSignature);
}

export interface SignEtowerRequestInput {
  method: string;
  /** Full URL exactly as requested, scheme + host + path + query string. */
  url: string;
  token: string;
  key: string;
  now?: Date;
  /** Default `standard`. */
  flavour?: Base64Flavour;
}

export interface EtowerSignature {
  /** Value of the X-WallTech-Date header; RFC 1123 in GMT, byte-identical to what was signed. */
  date: string;
  /** Value of the Authorization header: `WallTech <token>:<signature>`. */
  authorization: string;
  /** The signature in standard Base64, whatever flavour was sent (tells whether the flavours differ). */
  standardSignature: string;
}

export function etowerStringToSign(method: string, date: string, url: string): string {
  return `${method.toUpperCase()}\n${date}\n${url}`;
}

export function computeEtowerSignature(key: string, stringToSign: string, flavour: Base64Flavour = 'standard'): string {
  const standard = createHmac('sha1', key).update(stringToSign, 'utf8').digest('base64');
  return flavour === 'standard' ? standard : toUrlSafe(standard);
}

export function toUrlSafe(standardBase64: string): string {
  return standardBase64.replace(/\+/g, '-').replace(/\//g, '_');
}

export function signEtowerRequest(input: SignEtowerRequestInput): EtowerSignature {
  // Date#toUTCString already yields `Tue, 02 Aug 2022 06:43:37 GMT` (zero-padded day, GMT suffix).
  const date = (input.now ?? new Date()).toUTCString();
  const standardSignature = computeEtowerSignature(input.key, etowerStringToSign(input.method, date, input.url));
  const signature = input.flavour === 'url-safe' ? toUrlSafe(standardSignature) : standardSignature;
  return { date, authorization: `WallTech ${input.token}:${signature}`, standardSignature };
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
  /** The Base64 flavours accepted; default standard only. */
  flavours?: readonly Base64Flavour[];
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
    return {
      ok: false,
      reason: `${ETOWER_DATE_HEADER} is ${Math.round(skew / 1000)}s away from server time (clock skew)`,
    };
  }
  const match = /^WallTech ([^:\s]+):(\S+)$/.exec(authorization);
  if (!match) return { ok: false, reason: 'Authorization is not "WallTech <token>:<signature>"' };
  const [, token = '', signature = ''] = match;
  // The token is an account id, not a secret, but compare it in constant time as well: it costs nothing.
  if (!constantTimeEqual(token, input.token)) return { ok: false, reason: 'unknown token' };
  const standard = computeEtowerSignature(input.key, etowerStringToSign(input.method, dateHeader, input.url));
  // Every accepted flavour is compared (no early exit), so the time does not tell which one was close.
  let matched = false;
  for (const flavour of input.flavours ?? ['standard']) {
    if (constantTimeEqual(signature, flavour === 'standard' ? standard : toUrlSafe(standard))) matched = true;
  }
  if (!matched) return { ok: false, reason: 'signature mismatch' };
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
