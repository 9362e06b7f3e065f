// The streaming writer against an oracle: the regex-based quoting the verifier used before it was made linear
// (JSON.stringify, then fastjson's fix-ups, then `/` and non-ASCII escapes over the joined text). Every style must
// give the same bytes for every string, and the counts it returns must predict every other style's size exactly.
import { createHash } from 'node:crypto';
import { quoteFastjson } from '../src/fastjson-quote';
import { FASTJSON, JSON_STRINGIFY, writeQuoted, type ByteOut, type QuoteStyle } from '../src/quoted-writer';
import { verifySignTraced } from '../src/sign';

const unicodeEscape = (ch: string) => '\\u' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
const oracle = {
  fastjson: (s: string) =>
    JSON.stringify(s).replace(/\\(u00[0-9a-f]{2}|[\s\S])|[\u007f-\u009f\u2028\u2029]/g, (match, escaped?: string) =>
      escaped === undefined
        ? unicodeEscape(match)
        : escaped.length === 5
          ? '\\u00' + escaped.slice(3).toUpperCase()
          : match,
    ),
  slashes: (quoted: string) => quoted.replace(/\//g, '\\/'),
  nonAscii: (quoted: string) => quoted.replace(/[\u0080-\uffff]/g, unicodeEscape),
};
function oracleQuote(s: string, style: QuoteStyle): string {
  if (style.quoting === 'json-stringify') return JSON.stringify(s);
  let q = oracle.fastjson(s);
  if (style.slashes) q = oracle.slashes(q);
  if (style.nonAscii) q = oracle.nonAscii(q);
  return q;
}

const STYLES: Array<[string, QuoteStyle]> = [
  ['fastjson', FASTJSON],
  ['json-stringify', JSON_STRINGIFY],
  ['slashes', { quoting: 'fastjson', slashes: true, nonAscii: false }],
  ['non-ASCII', { quoting: 'fastjson', slashes: false, nonAscii: true }],
  ['slashes and non-ASCII', { quoting: 'fastjson', slashes: true, nonAscii: true }],
];

/** A deliberately small buffer, so that escapes of every length straddle many flushes. */
function written(s: string, style: QuoteStyle, bufferBytes = 64) {
  const parts: Buffer[] = [];
  const out: ByteOut = {
    buf: new Uint8Array(bufferBytes),
    flush: (n) => {
      parts.push(Buffer.from(out.buf.subarray(0, n)));
      return true;
    },
  };
  const stats = writeQuoted(s, style, out);
  return { bytes: Buffer.concat(parts), stats: stats! };
}

// Every character class the quoting treats apart, with escapes that look alike (`\\u00ab` as text).
const ALPHABET = [
  'a',
  'Z',
  ' ',
  '+',
  'u',
  '0',
  'b',
  '"',
  '\\',
  '/',
  '\b',
  '\t',
  '\n',
  '\f',
  '\r',
  '\u0000',
  '\u0001',
  '\u000b',
  '\u000e',
  '\u001a',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\u00a0',
  'é',
  '\u07ff',
  '\u0800',
  '中',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\uffff',
  '😀',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\\u00ab',
];
function* randomStrings(seed: number, count: number, maxLength: number): Generator<string> {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x >>> 8;
  };
  for (let k = 0; k < count; k++) {
    let s = '';
    for (let n = next() % maxLength; n > 0; n--) s += ALPHABET[next() % ALPHABET.length];
    yield s;
  }
}

describe('writeQuoted', () => {
  const samples = [
    ...ALPHABET,
    '',
    'a\\u00ab',
    '\\\u000b',
    'x\ud800',
    '\udc00x',
    '😀😀',
    ...randomStrings(21, 400, 60),
  ];

  it.each(STYLES)('writes the %s style exactly as the regex oracle, across buffer flushes', (_name, style) => {
    for (const s of samples) {
      expect(written(s, style).bytes.toString('utf8')).toBe(oracleQuote(s, style));
    }
  });

  it('counts what every other style would change, to the byte', () => {
    for (const s of samples) {
      const { bytes, stats } = written(s, FASTJSON);
      const size = (style: QuoteStyle) => Buffer.byteLength(oracleQuote(s, style));
      expect(bytes.length).toBe(size(FASTJSON));
      expect(size(JSON_STRINGIFY)).toBe(bytes.length - stats.fastjsonOverJson);
      expect(stats.differs).toBe(oracle.fastjson(s) !== JSON.stringify(s));
      expect(size(STYLES[2]![1])).toBe(bytes.length + stats.slashes);
      expect(size(STYLES[3]![1])).toBe(bytes.length + stats.nonAscii);
      expect(size(STYLES[4]![1])).toBe(bytes.length + stats.slashes + stats.nonAscii);
    }
  });

  it('matches the oracle on long strings with the process buffer (surrogate pairs and 12-byte escapes at every offset)', () => {
    const long = [
      '😀'.repeat(70_000),
      'a' + '😀'.repeat(70_000),
      '\u0001'.repeat(40_000) + 'é/'.repeat(40_000),
      ...randomStrings(7, 3, 150_000),
    ];
    for (const s of long) {
      for (const [, style] of STYLES) {
        expect(written(s, style, 196_624).bytes.toString('utf8')).toBe(oracleQuote(s, style));
      }
    }
  });

  it('stops when the output refuses more bytes', () => {
    let flushed = 0;
    const out: ByteOut = {
      buf: new Uint8Array(64),
      flush: (n) => {
        flushed += n;
        return flushed <= 100;
      },
    };
    expect(writeQuoted('x'.repeat(10_000), FASTJSON, out)).toBeUndefined();
    expect(flushed).toBeLessThan(200);
  });
});

describe('quoteFastjson', () => {
  it('is the oracle for every sample', () => {
    for (const s of [...ALPHABET, ...randomStrings(5, 300, 40)]) expect(quoteFastjson(s)).toBe(oracle.fastjson(s));
  });
});

describe('verifySign finds each recipe the oracle writes', () => {
  const SECRET = 'secret-ü';
  const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');
  const wrapper = (accessId: string, content: string, style: QuoteStyle) =>
    `{"accessId":${oracleQuote(accessId, style)},"content":${oracleQuote(content, style)}}`;

  it('for random accessIds and contents, in every style, hashing exactly the oracle text', () => {
    const ids = [...randomStrings(3, 60, 12)];
    const contents = [...randomStrings(4, 60, 80)].filter((c) => c !== '');
    for (const [i, content] of contents.entries()) {
      const accessId = ids[i % ids.length]!;
      for (const [, style] of STYLES) {
        const text = wrapper(accessId, content, style);
        const trace = verifySignTraced({ accessId, content, sign: sha1(text + SECRET), secretKey: SECRET });
        // Styles that write the same text collapse to the first name that writes it: the last one hashed.
        const matched = trace.tried.at(-1)!;
        expect(trace.result).toEqual({ ok: true, candidate: matched.candidate });
        expect(matched.bytes).toBe(Buffer.byteLength(text + SECRET));
      }
    }
  });
});
