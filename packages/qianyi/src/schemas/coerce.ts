// Shared field builders. Qianyi's own samples send numbers as strings ("expectQuantity":"100"),
// nulls for absent values and lone objects where a list is documented, so every builder here is
// lenient about the shape and strict about the meaning. Messages are relative to the field path
// ("is required", "must be a number"); content.ts prefixes the path. What a value may be (its range, length and
// characters) is bounded.ts's business, with the figures in limits.ts.
import { z } from 'zod';

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

type Issue = { input?: unknown };
const typeError = (what: string) => (iss: Issue) =>
  iss.input === undefined || iss.input === null ? 'is required' : `must be ${what}`;

/** A number or numeric string as a finite number, else undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

export const isAbsent = (v: unknown) => v === undefined || v === null;

/** A finite number, given as a number or a numeric string ("20.0", "1.0E20"); never NaN, '' or 'abc'. */
export const num = () =>
  z.unknown().transform((v, ctx): number => {
    const n = toNumber(v);
    if (n !== undefined) return n;
    const blank = isAbsent(v) || (typeof v === 'string' && v.trim() === '');
    ctx.addIssue({ code: 'custom', message: blank ? 'is required' : 'must be a number' });
    return z.NEVER;
  });

/** Like num(), but null and absent mean "not given". */
export const optNum = () =>
  z
    .unknown()
    .transform((v, ctx): number | undefined => {
      if (isAbsent(v) || (typeof v === 'string' && v.trim() === '')) return undefined;
      const n = toNumber(v);
      if (n !== undefined) return n;
      ctx.addIssue({ code: 'custom', message: 'must be a number' });
      return z.NEVER;
    })
    .optional();

/** A string trimmed, or a finite number as its decimal text (Java may send a Long), else undefined. */
export const stringish = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/** A non-empty trimmed string. Numbers are accepted as their decimal text (Java may send a Long). */
export const str = (maxLength?: number) =>
  z.unknown().transform((v, ctx): string => {
    const s = stringish(v);
    if (s === undefined || s === '') {
      ctx.addIssue({ code: 'custom', message: isAbsent(v) || s === '' ? 'is required' : 'must be a string' });
      return z.NEVER;
    }
    if (maxLength !== undefined && s.length > maxLength) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${maxLength} characters` });
      return z.NEVER;
    }
    return s;
  });

/**
 * An optional trimmed string: null, absent, "" and the literal "null" (what Java's
 * String.valueOf(null) produces; the seed's createOrder example sends "district":"null") all mean
 * "not given".
 */
export const optStr = (maxLength?: number) =>
  z
    .unknown()
    .transform((v, ctx): string | undefined => {
      if (isAbsent(v)) return undefined;
      const s = stringish(v);
      if (s === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a string' });
        return z.NEVER;
      }
      if (s === '' || s === 'null') return undefined;
      if (maxLength !== undefined && s.length > maxLength) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${maxLength} characters` });
        return z.NEVER;
      }
      return s;
    })
    .optional();

/** One of a fixed set of words, matched case-insensitively and returned in its canonical spelling. */
export const oneOf = <const T extends readonly string[]>(values: T) =>
  z.unknown().transform((v, ctx): T[number] => {
    const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    const hit = values.find((x) => x.toLowerCase() === s);
    if (hit !== undefined) return hit;
    ctx.addIssue({
      code: 'custom',
      message: isAbsent(v) ? 'is required' : `must be one of ${values.join(', ')}`,
    });
    return z.NEVER;
  });

export const optOneOf = <const T extends readonly string[]>(values: T) =>
  z
    .unknown()
    .transform((v, ctx): T[number] | undefined => {
      if (isAbsent(v) || v === '') return undefined;
      const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
      const hit = values.find((x) => x.toLowerCase() === s);
      if (hit !== undefined) return hit;
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
      return z.NEVER;
    })
    .optional();

/** An object; unknown keys are dropped. */
export const obj = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: typeError('an object') });

const wrapLone = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v);

/** A list; a lone object is read as a list of one (the seed's webhook examples send one). */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(wrapLone, z.array(item, { error: typeError('a list') }));

const tooMany = (max: number) => ({ message: `must not have more than ${max} entries` });

export const nonEmptyList = <T extends z.ZodType>(item: T, max = Infinity) =>
  z.preprocess(
    wrapLone,
    z
      .array(item, { error: typeError('a list') })
      .min(1, { message: 'must not be empty' })
      .max(max, tooMany(max)),
  );

/** An optional list: null or absent becomes []. */
export const optList = <T extends z.ZodType>(item: T, max = Infinity) =>
  z
    .preprocess(
      (v) => (v === null ? [] : wrapLone(v)),
      z.array(item, { error: typeError('a list') }).max(max, tooMany(max)),
    )
    .default([] as z.output<T>[]);

/**
 * Fills in a value for an absent, null or "" field before validating it: zod's own .default()
 * only covers undefined, and Qianyi's Java side writes null.
 */
export const withDefault = <T extends z.ZodType>(value: unknown, schema: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? value : v), schema).default(value as never);

/**
 * An order line or product without an erpSku takes its sku as the erpSku. The object is zod's fresh output, so it
 * is completed in place: rebuilding it with rest/spread cost ~1.7 µs per line on the ingress's hot path.
 */
export function withErpSku<T extends { sku: string; erpSku?: string | undefined }>(item: T): T & { erpSku: string } {
  if (item.erpSku === undefined) item.erpSku = item.sku;
  return item as T & { erpSku: string };
}
