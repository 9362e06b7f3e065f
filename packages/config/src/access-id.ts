import { z } from 'zod';

export const ACCESS_ID_MAX_LENGTH = 64;

/** Printable ASCII: letters, digits and punctuation; no space, control, non-ASCII or invisible character. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The accessId a tenant is known by: the one we issued to Qianyi, sent back in every call (Qianyi's samples are
 * `ibxakq31y`, `3215435`, `QIANYI`). 1-64 characters of printable ASCII without spaces.
 *
 * Keys and job ids escape it (packages/bridge/src/state/escape-part.ts), so no character could make two tenants
 * share a key; the rule is for everything else the accessId reaches: log lines, metric labels, the operator CLI's
 * `--tenant`, the tenants file. A newline, a bidi control or a look-alike letter there would make one tenant read as
 * another, and an unbounded one would be repeated in every key of the tenant.
 */
export const accessIdSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
    } else if (value.length > ACCESS_ID_MAX_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${ACCESS_ID_MAX_LENGTH} characters (got ${value.length})`,
      });
    } else if (!PRINTABLE_ASCII.test(value)) {
      const bad = [...value].find((c) => !PRINTABLE_ASCII.test(c))!;
      const code = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      ctx.addIssue({
        code: 'custom',
        message: `may hold only printable ASCII without spaces (letters, digits, punctuation); found ${code} at position ${value.indexOf(bad) + 1}`,
      });
    }
  });
