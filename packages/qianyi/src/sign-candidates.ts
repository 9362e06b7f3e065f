// The signing recipes the verifier tries (reference §2.5), cheapest and most likely first. A candidate is produced
// only when its text differs from every one before it (no `/`: no slash-escaped variant; no non-ASCII: no
// unicode-escaped one; no DEL/C1/U+2028-like character: no JSON.stringify one). Every fallback of the content
// has its exact size known before it is hashed, from the counts taken while the first candidate was written, so
// the verifier can skip what does not fit its budget without starting it; a form alternate has only a lower bound.
import { FASTJSON, JSON_STRINGIFY, type QuoteStats, type QuoteStyle } from './quoted-writer';
import type { SignPiece } from './sign-hash';

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

/**
 * `bytes`: the exact UTF-8 bytes the hash will take, secret included. `atLeast`: only a lower bound is known (the
 * first candidate, a form alternate); such a candidate is hashed under the budget left and abandoned if it would
 * pass it.
 */
export type Candidate = ExactCandidate | (CandidateText & { readonly atLeast: number });
interface CandidateText {
  readonly name: SignCandidate;
  readonly pieces: readonly SignPiece[];
}
type ExactCandidate = CandidateText & { readonly bytes: number };

const SLASHES: QuoteStyle = { quoting: 'fastjson', slashes: true, nonAscii: false };
const NON_ASCII: QuoteStyle = { quoting: 'fastjson', slashes: false, nonAscii: true };
const SLASHES_NON_ASCII: QuoteStyle = { quoting: 'fastjson', slashes: true, nonAscii: true };

const HEAD = '{"accessId":';
const CONTENT_KEY = ',"content":';
const CONTENT_ONLY_HEAD = '{"content":';
const TAIL = '}';

/** One string of the wrapper (accessId or content); learns its quoted sizes the first time it is written. */
class Quotable {
  private fastjson: { bytes: number; stats: QuoteStats } | undefined;

  constructor(readonly raw: string) {}

  piece(style: QuoteStyle): SignPiece {
    if (style !== FASTJSON) return { raw: this.raw, style };
    return { raw: this.raw, style, learn: (bytes, stats) => (this.fastjson = { bytes, stats }) };
  }

  /** Known once the string was written whole in fastjson style (the first candidate always writes it). */
  get known(): boolean {
    return this.fastjson !== undefined;
  }

  get differs(): boolean {
    return this.sized().stats.differs;
  }

  bytes(style: QuoteStyle): number {
    const { bytes, stats } = this.sized();
    if (style.quoting === 'json-stringify') return bytes - stats.fastjsonOverJson;
    return bytes + (style.slashes ? stats.slashes : 0) + (style.nonAscii ? stats.nonAscii : 0);
  }

  private sized(): { bytes: number; stats: QuoteStats } {
    if (this.fastjson === undefined) throw new Error('sign-candidates: a size was needed before the text was written');
    return this.fastjson;
  }
}

function wrap(accessId: Quotable | undefined, content: Quotable | undefined, style: QuoteStyle): SignPiece[] {
  const pieces: SignPiece[] = [];
  if (accessId !== undefined) pieces.push(HEAD, accessId.piece(style));
  if (content !== undefined)
    pieces.push(accessId === undefined ? CONTENT_ONLY_HEAD : CONTENT_KEY, content.piece(style));
  pieces.push(TAIL);
  return pieces;
}

function exact(
  name: SignCandidate,
  accessId: Quotable | undefined,
  content: Quotable | undefined,
  style: QuoteStyle,
  secretBytes: number,
): ExactCandidate {
  let bytes = secretBytes + TAIL.length;
  if (accessId !== undefined) bytes += HEAD.length + accessId.bytes(style);
  if (content !== undefined)
    bytes += (accessId === undefined ? CONTENT_ONLY_HEAD : CONTENT_KEY).length + content.bytes(style);
  return { name, pieces: wrap(accessId, content, style), bytes };
}

export interface CandidateInput {
  accessId: string;
  content: string | null | undefined;
  contentAlternates?: readonly string[] | undefined;
  secretBytes: number;
}

/**
 * In order: the documented recipe; the same quoted like JSON.stringify/Jackson; the gwms form without accessId;
 * form alternates (`+` kept literal: a Base64 label posted without percent-encoding, as large as the content,
 * so before the rarer escapes); then the fastjson options WriteSlashAsSpecial and BrowserCompatible. The caller
 * must hash each candidate before asking for the next: sizes are learnt from that hashing.
 */
export function* candidates(input: CandidateInput): Generator<Candidate, void, undefined> {
  const { secretBytes } = input;
  const accessId = new Quotable(input.accessId);
  const rawContent = input.content;
  let content: Quotable | undefined;
  if (rawContent === undefined || rawContent === null || rawContent === '') {
    // The doc's recipe omits the key for empty content; an ERP that kept "" would include it.
    yield { name: 'empty-content', pieces: wrap(accessId, undefined, FASTJSON), atLeast: 0 };
    const empty = new Quotable('');
    yield { name: 'empty-content-key', pieces: wrap(accessId, empty, FASTJSON), atLeast: 0 };
  } else {
    content = new Quotable(rawContent);
    yield { name: 'fastjson', pieces: wrap(accessId, content, FASTJSON), atLeast: 0 };
    if (!accessId.known || !content.known) return; // not hashed whole: the caller stopped
    if (accessId.differs || content.differs)
      yield exact('json-stringify', accessId, content, JSON_STRINGIFY, secretBytes);
    // 800best's own gwms calls with an empty accessId (logistics spec); it may drop the key.
    if (input.accessId === '') yield exact('empty-access-id', undefined, content, FASTJSON, secretBytes);
  }

  const seen = [rawContent ?? ''];
  for (const [i, raw] of (input.contentAlternates ?? []).entries()) {
    if (typeof raw !== 'string' || seen.includes(raw)) continue;
    seen.push(raw);
    const alternate = new Quotable(raw);
    // Quoted, it takes at least a byte per UTF-16 unit plus its quotes.
    const atLeast = secretBytes + HEAD.length + CONTENT_KEY.length + TAIL.length + raw.length + 2;
    yield { name: `alternate-${i}`, pieces: wrap(accessId, alternate, FASTJSON), atLeast };
    if (alternate.known && (accessId.differs || alternate.differs)) {
      yield exact(`alternate-${i}-json-stringify`, accessId, alternate, JSON_STRINGIFY, secretBytes);
    }
  }

  if (content === undefined || !accessId.known) return;
  const base = exact('fastjson', accessId, content, FASTJSON, secretBytes).bytes;
  const slashed = exact('slash-escaped', accessId, content, SLASHES, secretBytes);
  const unicode = exact('unicode-escaped', accessId, content, NON_ASCII, secretBytes);
  if (slashed.bytes > base) yield slashed;
  if (unicode.bytes > base) yield unicode;
  if (slashed.bytes > base && unicode.bytes > base) {
    yield exact('slash-unicode-escaped', accessId, content, SLASHES_NON_ASCII, secretBytes);
  }
}
