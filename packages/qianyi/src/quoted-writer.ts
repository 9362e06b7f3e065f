// Writes the UTF-8 bytes of a quoted JSON string in one linear pass, in the styles the sign verifier tries
// (reference §2.4, §2.5), into a fixed buffer that is flushed as it fills. No regex callbacks and no per-character
// strings: every character costs a few comparisons whatever the content, so an adversarial content (all `"`, all
// `/`, all non-ASCII, all controls) costs the same per character as an ordinary one. The same pass counts what
// the other styles would change, so the verifier knows every variant's exact size without writing it.

export type Quoting = 'fastjson' | 'json-stringify';

export interface QuoteStyle {
  readonly quoting: Quoting;
  /** fastjson WriteSlashAsSpecial: `/` as `\/`. */
  readonly slashes: boolean;
  /** fastjson BrowserCompatible: every UTF-16 unit above ASCII as upper-case `\uXXXX` (a surrogate pair as two). */
  readonly nonAscii: boolean;
}

export const FASTJSON: QuoteStyle = { quoting: 'fastjson', slashes: false, nonAscii: false };
export const JSON_STRINGIFY: QuoteStyle = { quoting: 'json-stringify', slashes: false, nonAscii: false };

/** How the quoted text's size changes from fastjson's in each other style, in UTF-8 bytes. */
export interface QuoteStats {
  /** fastjson minus JSON.stringify: DEL +5, C1 +4, U+2028/2029 +3 (a control's `\u00XX` only changes hex case). */
  fastjsonOverJson: number;
  /** fastjson and JSON.stringify write different text (also when only the hex case of an escape differs). */
  differs: boolean;
  /** Slash escaping: +1 per `/`. */
  slashes: number;
  /** Non-ASCII escaping: +4 per unit up to U+07FF, +3 above, +8 per surrogate pair (lone ones are escaped already). */
  nonAscii: number;
}

/** Where the bytes go: `flush(n)` takes the first n bytes of `buf`, which is then reused; false stops the writer. */
export interface ByteOut {
  readonly buf: Uint8Array;
  flush(length: number): boolean;
}

/** The most one step can write: a surrogate pair as two `\uXXXX`. */
const MAX_BYTES_PER_STEP = 12;

const hexTable = (digits: string) => Uint8Array.from(digits, (d) => d.charCodeAt(0));
const HEX_UPPER = hexTable('0123456789ABCDEF');
const HEX_LOWER = hexTable('0123456789abcdef');

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const SLASH = 0x2f;
// Printable ASCII but `"` and `\` (1), written as itself in every style, except `/` (SLASH_KIND), which is
// counted and escaped in one style; 0 for the rest (controls, DEL).
const SLASH_KIND = 2;
const PLAIN = new Uint8Array(0x80);
for (let c = 0x20; c < 0x7f; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : c === SLASH ? SLASH_KIND : 1;
// \b \t \n \f \r by code; 0 where the control takes a `\u00XX` escape.
const SHORT_ESCAPE = new Uint8Array(0x20);
SHORT_ESCAPE[0x08] = 0x62;
SHORT_ESCAPE[0x09] = 0x74;
SHORT_ESCAPE[0x0a] = 0x6e;
SHORT_ESCAPE[0x0c] = 0x66;
SHORT_ESCAPE[0x0d] = 0x72;

function writeUnicodeEscape(buf: Uint8Array, o: number, c: number, hex: Uint8Array): number {
  buf[o] = BACKSLASH;
  buf[o + 1] = 0x75; // u
  buf[o + 2] = hex[c >>> 12]!;
  buf[o + 3] = hex[(c >>> 8) & 15]!;
  buf[o + 4] = hex[(c >>> 4) & 15]!;
  buf[o + 5] = hex[c & 15]!;
  return o + 6;
}

/**
 * The quoted string, with its surrounding `"`, exactly as the style writes it, and the counts of QuoteStats;
 * undefined when `out` stopped it. Lone surrogates keep JSON.stringify's lower-case `\udXXX` in every style (Java
 * would emit them raw and UTF-8 would turn them into `?`; no real caller sends them).
 */
export function writeQuoted(s: string, style: QuoteStyle, out: ByteOut): QuoteStats | undefined {
  const buf = out.buf;
  const limit = buf.length - MAX_BYTES_PER_STEP;
  const fastjson = style.quoting === 'fastjson';
  // JSON.stringify writes `\u000b`; fastjson writes upper-case hex `\u000B`.
  const controlHex = fastjson ? HEX_UPPER : HEX_LOWER;
  const { slashes: escapeSlashes, nonAscii: escapeNonAscii } = style;
  let fastjsonOverJson = 0;
  let hexCase = false;
  let slashes = 0;
  let nonAscii = 0;
  const n = s.length;
  let o = 0;
  buf[o++] = QUOTE;
  for (let i = 0; i < n; i++) {
    if (o > limit) {
      if (!out.flush(o)) return undefined;
      o = 0;
    }
    // The common case in a tight loop of its own (a third faster on a large label): a run of plain ASCII, as
    // long as the buffer has room.
    const stop = Math.min(n, i + (escapeSlashes ? (limit - o) >> 1 : limit - o) + 1);
    let c = s.charCodeAt(i);
    while (c < 0x80) {
      const kind = PLAIN[c]!;
      if (kind === 0) break;
      if (kind === SLASH_KIND) {
        slashes++;
        if (escapeSlashes) buf[o++] = BACKSLASH;
      }
      buf[o++] = c;
      if (++i === stop) break;
      c = s.charCodeAt(i);
    }
    if (i === stop) {
      i--;
      continue;
    }
    if (c < 0x80) {
      if (c === QUOTE || c === BACKSLASH) {
        buf[o++] = BACKSLASH;
        buf[o++] = c;
      } else if (c === 0x7f) {
        fastjsonOverJson += 5;
        if (fastjson) o = writeUnicodeEscape(buf, o, c, HEX_UPPER);
        else buf[o++] = c;
      } else if (SHORT_ESCAPE[c] !== 0) {
        buf[o++] = BACKSLASH;
        buf[o++] = SHORT_ESCAPE[c]!;
      } else {
        if ((c & 15) >= 10) hexCase = true;
        o = writeUnicodeEscape(buf, o, c, controlHex);
      }
    } else if (c <= 0x9f || c === 0x2028 || c === 0x2029) {
      // C1 controls and the line/paragraph separators: fastjson escapes them, JSON.stringify does not.
      fastjsonOverJson += c <= 0x9f ? 4 : 3;
      if (fastjson) o = writeUnicodeEscape(buf, o, c, HEX_UPPER);
      else if (escapeNonAscii) o = writeUnicodeEscape(buf, o, c, HEX_UPPER);
      else if (c <= 0x9f) {
        buf[o++] = 0xc0 | (c >>> 6);
        buf[o++] = 0x80 | (c & 63);
      } else {
        buf[o++] = 0xe2;
        buf[o++] = 0x80;
        buf[o++] = 0x80 | (c & 63);
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        nonAscii += 8;
        if (escapeNonAscii) {
          o = writeUnicodeEscape(buf, o, c, HEX_UPPER);
          o = writeUnicodeEscape(buf, o, next, HEX_UPPER);
        } else {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[o++] = 0xf0 | (cp >>> 18);
          buf[o++] = 0x80 | ((cp >>> 12) & 63);
          buf[o++] = 0x80 | ((cp >>> 6) & 63);
          buf[o++] = 0x80 | (cp & 63);
        }
      } else {
        o = writeUnicodeEscape(buf, o, c, HEX_LOWER);
      }
    } else if (c < 0x800) {
      nonAscii += 4;
      if (escapeNonAscii) o = writeUnicodeEscape(buf, o, c, HEX_UPPER);
      else {
        buf[o++] = 0xc0 | (c >>> 6);
        buf[o++] = 0x80 | (c & 63);
      }
    } else {
      nonAscii += 3;
      if (escapeNonAscii) o = writeUnicodeEscape(buf, o, c, HEX_UPPER);
      else {
        buf[o++] = 0xe0 | (c >>> 12);
        buf[o++] = 0x80 | ((c >>> 6) & 63);
        buf[o++] = 0x80 | (c & 63);
      }
    }
  }
  if (o > limit) {
    if (!out.flush(o)) return undefined;
    o = 0;
  }
  buf[o++] = QUOTE;
  if (!out.flush(o)) return undefined;
  return { fastjsonOverJson, differs: hexCase || fastjsonOverJson > 0, slashes, nonAscii };
}
