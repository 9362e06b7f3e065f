// Qianyi's envelope signature (reference §2): sha1Hex(wrapperJson + secretKey), lowercase hex.
// The content string is always hashed exactly as received: Java writes numbers and escapes in
// ways JavaScript would not reproduce (`20.0`, `1.0E20`, `\u000B`), and key order is HashMap order.
import { timingSafeEqual } from 'node:crypto';
import { quote, type Quoting } from './fastjson-quote';
import { candidates, type SignCandidate } from './sign-candidates';
import { FASTJSON, JSON_STRINGIFY } from './quoted-writer';
import { SignHash } from './sign-hash';

export type { Quoting } from './fastjson-quote';
export type { SignCandidate } from './sign-candidates';

export function signBase(accessId: string, content: string | null | undefined, quoting: Quoting): string {
  const head = '{"accessId":' + quote(accessId, quoting);
  return content === undefined || content === null ? head + '}' : head + ',"content":' + quote(content, quoting) + '}';
}

export function computeSign(
  accessId: string,
  content: string | null | undefined,
  secretKey: string,
  quoting: Quoting = 'fastjson',
): string {
  const style = quoting === 'fastjson' ? FASTJSON : JSON_STRINGIFY;
  // Hashed in pieces: a large content is never copied into one joined string.
  const hash = new SignHash().text('{"accessId":').piece({ raw: accessId, style });
  if (content !== undefined && content !== null) hash.text(',"content":').piece({ raw: content, style });
  return hash.text('}').text(secretKey).hex();
}

/**
 * What one verification may hash (reference §2.5 lists the candidates; issue 21 bounds their cost). The first
 * candidate, the documented recipe, is always hashed whole; the fallbacks share an allowance of
 * `floorBytes + fallbackMultiple × (the first candidate's bytes)`, never more than `fallbackCapBytes`. A fallback
 * whose exact size does not fit is skipped, not started; a form alternate, whose size is known only once it is
 * written, is abandoned where it would pass the budget. So a wrong sign hashes at most three times the documented
 * text, which measured at 0.4–1.3× the CPU of parsing a 19 MB body of any shape (all `/`, all é, controls…), a
 * large content still gets two fallbacks (Jackson quoting, a form alternate, slash escaping…), and a content of a
 * few KB gets every one.
 */
export const SIGN_HASH_BUDGET = {
  floorBytes: 64 * 1024,
  fallbackMultiple: 2,
  fallbackCapBytes: 64 * 1024 * 1024,
} as const;

/** The most bytes a verification hashes when its first candidate hashes `firstBytes` (secret included). */
export function signHashBudget(firstBytes: number): number {
  const { floorBytes, fallbackMultiple, fallbackCapBytes } = SIGN_HASH_BUDGET;
  return firstBytes + Math.min(floorBytes + fallbackMultiple * firstBytes, fallbackCapBytes);
}

export interface VerifySignInput {
  accessId: string;
  content: string | null | undefined;
  contentAlternates?: readonly string[];
  sign: string;
  secretKey: string;
}

export type VerifySignResult = { ok: true; candidate: SignCandidate } | { ok: false };

/** A verification with its cost, for logs, metrics and tests. */
export interface SignVerification {
  result: VerifySignResult;
  /** Candidates hashed, in order, with the bytes each hashed (secret included). */
  tried: Array<{ candidate: SignCandidate; bytes: number }>;
  /** Candidates that differ from every one tried but did not fit in the budget. */
  skipped: SignCandidate[];
  hashedBytes: number;
  budgetBytes: number;
}

function sameHex(expectedHex: string, given: Buffer): boolean {
  const expected = Buffer.from(expectedHex, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself so a wrong length costs the same.
  if (expected.length !== given.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}

export function verifySignTraced(input: VerifySignInput): SignVerification {
  // The first candidate is hashed whatever its size; the budget follows from it.
  const trace: SignVerification = {
    result: { ok: false },
    tried: [],
    skipped: [],
    hashedBytes: 0,
    budgetBytes: Number.POSITIVE_INFINITY,
  };
  const { accessId, content, sign, secretKey } = input;
  if (typeof sign !== 'string' || typeof accessId !== 'string' || typeof secretKey !== 'string') return trace;
  if (content !== undefined && content !== null && typeof content !== 'string') return trace;
  const given = Buffer.from(sign.trim().toLowerCase(), 'utf8');
  const secretBytes = Buffer.byteLength(secretKey, 'utf8');
  for (const candidate of candidates({ accessId, content, contentAlternates: input.contentAlternates, secretBytes })) {
    const left = trace.budgetBytes - trace.hashedBytes;
    if (('bytes' in candidate ? candidate.bytes : candidate.atLeast) > left) {
      trace.skipped.push(candidate.name);
      continue;
    }
    const hash = new SignHash(left);
    for (const piece of candidate.pieces) hash.piece(piece);
    hash.text(secretKey);
    trace.hashedBytes += hash.bytes;
    if (hash.stopped) {
      // Only a candidate of unknown size gets here: abandoned at the budget, its bytes spent.
      trace.skipped.push(candidate.name);
      continue;
    }
    const digest = hash.hex();
    if (trace.tried.length === 0) trace.budgetBytes = signHashBudget(hash.bytes);
    trace.tried.push({ candidate: candidate.name, bytes: hash.bytes });
    if (sameHex(digest, given)) {
      trace.result = { ok: true, candidate: candidate.name };
      break;
    }
  }
  if (trace.tried.length === 0) trace.budgetBytes = 0;
  return trace;
}

export function verifySign(input: VerifySignInput): VerifySignResult {
  return verifySignTraced(input).result;
}
