import fc from 'fast-check';

/**
 * Any code point but the surrogates, drawn exactly as `fc.string({ unit: 'binary' })` draws them (the same values for
 * the same seed). That unit maps back through a table of all 1.1 million code points, which fast-check builds when
 * the string arbitrary is made: 1–3 s of CPU in every test file that uses it. This one maps back by arithmetic.
 * Its own entry point (`@bridge/testkit/arbitraries`): the unit tests that use it need none of the harness.
 */
const SURROGATES = 0x800;
export const anyCodePoint = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (i) => String.fromCodePoint(i < 0xd800 ? i : i + SURROGATES),
  (v) => {
    const cp = typeof v === 'string' ? v.codePointAt(0) : undefined;
    if (cp === undefined || String.fromCodePoint(cp) !== v || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new Error('not one code point');
    }
    return cp < 0xd800 ? cp : cp - SURROGATES;
  },
);
