// String quoting as fastjson 1.2.x writes it (reference §2.4), plus the rarer variants the sign
// verifier tries. Each is JSON.stringify followed by one regex pass, so a 20 MB Base64 label
// costs two linear scans and no per-character arrays.

export type Quoting = 'fastjson' | 'json-stringify';

// Walks escape pairs as whole tokens (so the `u00` in an escaped backslash followed by literal
// "u00ab" is never mistaken for an escape) and otherwise matches only the raw characters fastjson
// escapes but JSON.stringify leaves alone: DEL, C1 controls, U+2028 and U+2029.
const FASTJSON_FIXUP = /\\(u00[0-9a-f]{2}|[^])|[\u007f-\u009f\u2028\u2029]/g;

const NEEDS_FIXUP = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function fastjsonFix(match: string, escaped: string | undefined): string {
  if (escaped !== undefined) {
    // JSON.stringify writes `\u000b`; fastjson writes upper-case hex `\u000B`.
    return escaped.length === 5 ? '\\' + 'u00' + escaped.slice(3).toUpperCase() : match;
  }
  return unicodeEscape(match);
}

function unicodeEscape(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * fastjson: `"`, `\`, \b \t \n \f \r short; other C0, DEL, C1, U+2028/2029 as upper-case `\uXXXX`;
 * `/` and other non-ASCII raw. Lone surrogates keep JSON.stringify's `\udXXX` (Java would emit
 * them raw and UTF-8 would turn them into `?`; no real caller sends them).
 */
export function quoteFastjson(s: string): string {
  const quoted = JSON.stringify(s);
  // Without control, DEL, C1 or U+2028/2029 characters the two quotings are the same text: skip the regex pass
  // (it would call back for every escaped quote of the content, on the ingress's hot path).
  return NEEDS_FIXUP.test(s) ? quoted.replace(FASTJSON_FIXUP, fastjsonFix) : quoted;
}

export function quote(s: string, quoting: Quoting): string {
  return quoting === 'fastjson' ? quoteFastjson(s) : JSON.stringify(s);
}

// Applied to an already quoted text: a `/` there is always a raw slash, never part of an escape.
export function escapeSlashes(quoted: string): string {
  return quoted.replace(/\//g, '\\/');
}

// fastjson's BrowserCompatible: every UTF-16 unit above ASCII as `\uXXXX` (surrogate pairs as two).
export function escapeNonAscii(quoted: string): string {
  return quoted.replace(/[\u0080-\uffff]/g, unicodeEscape);
}
