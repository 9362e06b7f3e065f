// Which characters a value may hold. Identifiers (order and ASN numbers, SKUs, codes) travel into eTower's
// referenceNo, Redis keys, job ids, log lines and operators' screens: a NUL or CR/LF there splits or hides text, a
// bidi override (U+202E) makes an id read differently from what it is, and an invisible character makes two ids
// that look the same. Free text (names, addresses) may carry bidi marks, because right-to-left names and
// addresses legitimately do, and line breaks, but never other control characters. Neither may hold a lone UTF-16
// surrogate: it has no UTF-8 form, so the id written to Redis or sent to eTower would not be the id received.

/** C0 and C1 controls and DEL, U+2028/2029, the bidi controls, and zero-width / BOM characters. */
const NOT_IN_ID =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]|\p{Cs}/u;
/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const NOT_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cs}/u;

const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;

export type CharacterRule = 'id' | 'text';

const RULES = {
  id: { pattern: NOT_IN_ID, what: 'control, line-separator, bidirectional or invisible characters' },
  text: { pattern: NOT_IN_TEXT, what: 'control characters' },
} as const;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `s` breaks the rule ("must not contain control characters (U+0000 at character 5)"), or undefined. The
 * offending character is named by its code point and 1-based position, never echoed: it may be invisible or
 * reorder the message around it.
 */
export function characterProblem(s: string, rule: CharacterRule): string | undefined {
  // Most values are printable ASCII: one plain scan clears them, without the Unicode-mode search.
  if (!BEYOND_PRINTABLE_ASCII.test(s)) return undefined;
  const { pattern, what } = RULES[rule];
  const hit = pattern.exec(s);
  if (hit === null) return undefined;
  return `must not contain ${what} (${hex(hit[0].codePointAt(0)!)} at character ${hit.index + 1})`;
}
