// Field builders that hold a value to its bound (limits.ts) on top of coerce.ts's leniency about its shape: a
// numeric string is still a number, "" and null still mean absent, but 1e30 is not a quantity, -1 not a size and
// "not-a-country" not a country. Messages are relative to the field path (content.ts prefixes it) and never echo
// the value: it may be 100,000 characters long, or invisible.
import { z } from 'zod';
import { characterProblem, type CharacterRule } from './characters';
import { isAbsent, stringish, toNumber } from './coerce';
import { ISO_3166_ALPHA_2 } from './countries';
import { DATE_MAX_MS, DATE_MIN_MS, MAX_MONEY, MAX_QUANTITY, TEXT_LENGTH } from './limits';

type Ctx = z.core.$RefinementCtx;
const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};
const blank = (v: unknown) => isAbsent(v) || (typeof v === 'string' && v.trim() === '');

// ---- strings ------------------------------------------------------------------------------------------------

function checkString(v: unknown, ctx: Ctx, max: number, rule: CharacterRule): string {
  const s = stringish(v);
  if (s === undefined) return fail(ctx, 'must be a string');
  if (s.length > max) return fail(ctx, `must be at most ${max} characters`);
  const problem = characterProblem(s, rule);
  return problem === undefined ? s : fail(ctx, problem);
}

const required = (max: number, rule: CharacterRule) =>
  z.unknown().transform((v, ctx): string => (blank(v) ? fail(ctx, 'is required') : checkString(v, ctx, max, rule)));

/** Like coerce's optStr(): null, absent, "" and the literal "null" mean "not given". */
const optional = (max: number, rule: CharacterRule) =>
  z
    .unknown()
    .transform((v, ctx): string | undefined => {
      if (isAbsent(v)) return undefined;
      const s = stringish(v);
      if (s === '' || s === 'null') return undefined;
      return checkString(v, ctx, max, rule);
    })
    .optional();

/** A required identifier of at most `max` characters, free of control, line-separator, bidi and invisible ones. */
export const id = (max: number) => required(max, 'id');
export const optId = (max: number) => optional(max, 'id');
/** Required free text of at most `max` characters, without control characters (line breaks and bidi marks allowed). */
export const text = (max: number) => required(max, 'text');
export const optText = (max: number) => optional(max, 'text');

// ---- numbers ------------------------------------------------------------------------------------------------

const show = (n: number) => String(n);

/** A whole number in [min, max] (both safe integers), as a number or numeric string; 2^53+1 is not one. */
function wholeIn(v: unknown, ctx: Ctx, min: number, max: number): number {
  const n = toNumber(v);
  if (n === undefined || !Number.isSafeInteger(n) || n < min || n > max) {
    return fail(ctx, `must be a whole number between ${show(min)} and ${show(max)}`);
  }
  return n;
}

/** A decimal in [min, max] (min excluded when `above`). */
function decimalIn(v: unknown, ctx: Ctx, min: number, max: number, above: boolean, what: string): number {
  const n = toNumber(v);
  if (n === undefined || n > max || n < min || (above && n === min)) {
    return fail(
      ctx,
      above
        ? `must be ${what} greater than ${show(min)} and at most ${show(max)}`
        : `must be ${what} between ${show(min)} and ${show(max)}`,
    );
  }
  return n;
}

/** A count of items: a whole number from `min` (1 unless said) to MAX_QUANTITY. */
export const quantity = (min = 1, max = MAX_QUANTITY) =>
  z.unknown().transform((v, ctx): number => (blank(v) ? fail(ctx, 'is required') : wholeIn(v, ctx, min, max)));
export const optQuantity = (min = 1, max = MAX_QUANTITY) =>
  z
    .unknown()
    .transform((v, ctx): number | undefined => (blank(v) ? undefined : wholeIn(v, ctx, min, max)))
    .optional();

/** Money: from 0 to MAX_MONEY. */
export const money = (max = MAX_MONEY) =>
  z
    .unknown()
    .transform((v, ctx): number =>
      blank(v) ? fail(ctx, 'is required') : decimalIn(v, ctx, 0, max, false, 'an amount'),
    );
export const optMoney = (max = MAX_MONEY) =>
  z
    .unknown()
    .transform((v, ctx): number | undefined => (blank(v) ? undefined : decimalIn(v, ctx, 0, max, false, 'an amount')))
    .optional();

/** A weight or size: greater than 0 (or from 0 with `allowZero`, where 0 means "not measured") up to `max`. */
export const optMeasure = (max: number, options: { allowZero?: boolean } = {}) =>
  z
    .unknown()
    .transform((v, ctx): number | undefined =>
      blank(v) ? undefined : decimalIn(v, ctx, 0, max, !options.allowZero, 'a number'),
    )
    .optional();

// ---- dates --------------------------------------------------------------------------------------------------

const DAY = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const RANGE = `between ${DAY(DATE_MIN_MS)} and ${DAY(DATE_MAX_MS)}`;
const inRange = (ms: number) => Number.isFinite(ms) && ms >= DATE_MIN_MS && ms <= DATE_MAX_MS;

/** A time in epoch milliseconds (Java's Long), as a number or numeric string, within the date range. */
export const optEpochMs = () =>
  z
    .unknown()
    .transform((v, ctx): number | undefined => {
      if (blank(v)) return undefined;
      const n = toNumber(v);
      if (n === undefined || !Number.isInteger(n) || !inRange(n))
        return fail(ctx, `must be a time in epoch milliseconds ${RANGE}`);
      return n;
    })
    .optional();

/**
 * A date whose format the seed never shows (text or epoch milliseconds): kept as given, so that it reaches
 * eTower's extendData as Qianyi wrote it, but only when it reads as a date within the range.
 */
export const optDate = () =>
  z
    .unknown()
    .transform((v, ctx): string | number | undefined => {
      if (blank(v)) return undefined;
      const bad = () => fail(ctx, `must be a date (text or epoch milliseconds) ${RANGE}`);
      if (typeof v === 'number') return Number.isInteger(v) && inRange(v) ? v : bad();
      if (typeof v !== 'string') return bad();
      const s = v.trim();
      if (s.length > TEXT_LENGTH.dateText || characterProblem(s, 'id') !== undefined) return bad();
      const n = toNumber(s);
      const ms = n !== undefined ? n : Date.parse(s);
      return (n === undefined || Number.isInteger(n)) && inRange(ms) ? s : bad();
    })
    .optional();

// ---- codes and URLs -----------------------------------------------------------------------------------------

/**
 * An ISO 3166-1 alpha-2 country code, in any case, returned upper-case. "UK" (reserved by ISO for the United
 * Kingdom and sent by some marketplaces) is read as GB; no other alias is.
 */
export const countryCode = () =>
  z.unknown().transform((v, ctx): string => {
    if (blank(v)) return fail(ctx, 'is required');
    const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
    const code = s === 'UK' ? 'GB' : s;
    return ISO_3166_ALPHA_2.has(code) ? code : fail(ctx, 'must be an ISO 3166-1 alpha-2 country code such as US');
  });

/** Three letters (ISO 4217's shape; the list itself is eTower's business), returned upper-case. */
export const optCurrency = () =>
  z
    .unknown()
    .transform((v, ctx): string | undefined => {
      if (blank(v) || v === 'null') return undefined;
      const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
      return /^[A-Z]{3}$/.test(s) ? s : fail(ctx, 'must be a three-letter ISO 4217 currency code such as USD');
    })
    .optional();

/** An absolute http(s) URL with a host, of at most `max` characters, with no spaces or control characters. */
export const optHttpUrl = (max: number) =>
  z
    .unknown()
    .transform((v, ctx): string | undefined => {
      if (blank(v) || v === 'null') return undefined;
      const bad = () => fail(ctx, `must be an http or https URL of at most ${max} characters`);
      if (typeof v !== 'string') return bad();
      const s = v.trim();
      if (s.length > max || /[\s\u0000-\u001f\u007f-\u009f]/.test(s) || characterProblem(s, 'id') !== undefined)
        return bad();
      let url: URL;
      try {
        url = new URL(s);
      } catch {
        return bad();
      }
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? s : bad();
    })
    .optional();
