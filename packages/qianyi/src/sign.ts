// Qianyi's envelope signature (reference §2): sha1Hex(wrapperJson + secretKey), lowercase hex.
// The content string is always hashed exactly as received: Java writes numbers and escapes in
// ways JavaScript would not reproduce (`20.0`, `1.0E20`, `\u000B`), and key order is HashMap order.
import { createHash, timingSafeEqual } from 'node:crypto';
import { escapeNonAscii, escapeSlashes, quote, type Quoting } from './fastjson-quote';

export type { Quoting } from './fastjson-quote';

export type SignCandidate =
  | 'fastjson'
  | 'json-stringify'
  | 'empty-content'
  | 'empty-content-key'
  | 'empty-access-id'
  | 'slash-escaped'
  | 'unicode-escaped'
  | 'slash-unicode-escaped'
  | `alternate-${number}`
  | `alternate-${number}-json-stringify`;

/** The signed text in parts: hashing them one by one never builds (and flattens) a copy of a large content. */
function signBaseParts(accessId: string, content: string | null | undefined, quoting: Quoting): string[] {
  const head = '{"accessId":' + quote(accessId, quoting);
  return content === undefined || content === null ? [head, '}'] : [head, ',"content":', quote(content, quoting), '}'];
}

export function signBase(accessId: string, content: string | null | undefined, quoting: Quoting): string {
  return signBaseParts(accessId, content, quoting).join('');
}

function sha1Hex(base: string | readonly string[], secretKey: string): string {
  const hash = createHash('sha1');
  for (const part of typeof base === 'string' ? [base] : base) hash.update(part, 'utf8');
  return hash.update(secretKey, 'utf8').digest('hex');
}

export function computeSign(
  accessId: string,
  content: string | null | undefined,
  secretKey: string,
  quoting: Quoting = 'fastjson',
): string {
  return sha1Hex(signBaseParts(accessId, content, quoting), secretKey);
}

export interface VerifySignInput {
  accessId: string;
  content: string | null | undefined;
  contentAlternates?: readonly string[];
  sign: string;
  secretKey: string;
}

export type VerifySignResult = { ok: true; candidate: SignCandidate } | { ok: false };

// Candidates in reference §2.5 order, produced lazily so that the usual first-try match costs a
// single hash even for a huge content.
function* candidates(input: VerifySignInput): Generator<[SignCandidate, string | readonly string[]]> {
  const { accessId, content } = input;
  if (content === undefined || content === null || content === '') {
    // The doc's recipe omits the key for empty content; an ERP that kept "" would include it.
    yield ['empty-content', signBase(accessId, undefined, 'fastjson')];
    yield ['empty-content-key', signBase(accessId, '', 'fastjson')];
  } else {
    // The usual match, hashed in parts; the joined text is built only if a variant below needs it.
    const fastjsonParts = signBaseParts(accessId, content, 'fastjson');
    yield ['fastjson', fastjsonParts];
    yield ['json-stringify', signBaseParts(accessId, content, 'json-stringify')];
    const fastjson = fastjsonParts.join('');
    if (accessId === '') {
      // 800best's own gwms calls with an empty accessId (logistics spec); it may drop the key.
      yield ['empty-access-id', '{"content":' + quote(content, 'fastjson') + '}'];
    }
    const slashed = escapeSlashes(fastjson);
    yield ['slash-escaped', slashed];
    yield ['unicode-escaped', escapeNonAscii(fastjson)];
    yield ['slash-unicode-escaped', escapeNonAscii(slashed)];
  }
  for (const [i, alternate] of (input.contentAlternates ?? []).entries()) {
    yield [`alternate-${i}`, signBase(accessId, alternate, 'fastjson')];
    yield [`alternate-${i}-json-stringify`, signBase(accessId, alternate, 'json-stringify')];
  }
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

export function verifySign(input: VerifySignInput): VerifySignResult {
  if (typeof input.sign !== 'string' || typeof input.accessId !== 'string') return { ok: false };
  const given = Buffer.from(input.sign.trim().toLowerCase(), 'utf8');
  // Variants often coincide (no slash, no non-ASCII); the first name for a digest is the honest one.
  // Digests, not bases, are remembered so that a 20 MB content is not held several times over.
  const tried = new Set<string>();
  for (const [name, base] of candidates(input)) {
    const digest = sha1Hex(base, input.secretKey);
    if (tried.has(digest)) continue;
    tried.add(digest);
    if (sameHex(digest, given)) return { ok: true, candidate: name };
  }
  return { ok: false };
}
