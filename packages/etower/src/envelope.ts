import { z } from 'zod';
import { EtowerBusinessError, type EtowerErrorItem } from './errors/business-error';
import { EtowerMalformedResponseError } from './errors/malformed-response-error';

// eTower's JSON is loose (reference §2.1): "" stands for "nothing" whatever the declared type, numbers
// sometimes arrive as strings, `errors` is a list or "". These building blocks absorb that once, so the
// payload decoders can be written against the declared types.

const isBlank = (v: unknown): boolean => v === '' || v === null || v === undefined;

/** Optional text: "" / null -> undefined, numbers -> their string form. */
export const text = z.preprocess(
  (v) => (isBlank(v) ? undefined : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
  z.string().optional(),
);

/** Required text (an id): numbers accepted as strings. */
export const id = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string());

/** Number or null: "" -> null, "20" -> 20, "abc" is a decoding error. */
export const num = z.preprocess((v) => {
  if (isBlank(v)) return null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return v;
}, z.number().nullable());

/** A quantity: like num, but nothing means 0 (eTower sends "" for an empty bucket). */
export const qty = num.transform((v) => v ?? 0);

/** `yyyy-MM-dd HH:mm:ss` timestamp kept as opaque text (time zone undocumented); "" -> null. */
export const date = z.preprocess((v) => (isBlank(v) ? null : v), z.string().nullable());

/** Boolean that may arrive as "true"/"false", 1/0, or "". */
export const flag = z.preprocess((v) => {
  if (isBlank(v)) return undefined;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return v;
}, z.boolean().optional());

/** A list where "" / null / a non-array mean "empty". Items that fail to decode still fail the payload. */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(item));
}

export const errorItem = z.preprocess(
  (v) => (typeof v === 'string' ? { code: '', message: v } : v),
  z.object({ code: id.catch(''), message: z.string().catch('') }),
);

export const errorList = list(errorItem);

/** The §2.1 envelope. `data` stays unknown here; each endpoint decodes it with its own schema. */
export const envelopeSchema = z.object({
  code: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string()),
  success: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
  data: z.unknown().optional(),
  errors: errorList,
  message: z.preprocess((v) => (isBlank(v) ? '' : v), z.string().catch('')),
  messageId: z.unknown().optional(),
  warnList: z.unknown().optional(),
});

export interface EtowerEnvelope {
  code: string;
  ok: boolean;
  data: unknown;
  errors: EtowerErrorItem[];
  message: string;
}

/** Decodes one envelope, or returns null when the value is not envelope-shaped. */
export function decodeEnvelope(value: unknown): EtowerEnvelope | null {
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) return null;
  const e = parsed.data;
  const successFlag = e.success === true || e.success === 'true';
  return { code: e.code, ok: successFlag && e.code === '0', data: e.data, errors: e.errors, message: e.message };
}

export function isEnvelopeLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'code' in value &&
    ('success' in value || 'data' in value)
  );
}

/** Decodes the envelope of a single-envelope endpoint and returns `data`, or throws the refusal. */
export function unwrapEnvelope(endpoint: string, body: unknown): unknown {
  const envelope = decodeEnvelope(Array.isArray(body) && body.length === 1 ? body[0] : body);
  if (!envelope) throw new EtowerMalformedResponseError(endpoint, 'not an eTower envelope', body);
  if (!envelope.ok) throw refusalOf(endpoint, envelope);
  return envelope.data;
}

export function refusalOf(endpoint: string, envelope: EtowerEnvelope): EtowerBusinessError {
  return new EtowerBusinessError(endpoint, envelope.code, envelope.message, envelope.errors);
}

/** Decodes `data` with a payload schema; a mismatch is a malformed answer (retryable), not a crash. */
export function decodePayload<T extends z.ZodType>(endpoint: string, schema: T, data: unknown): z.output<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
  throw new EtowerMalformedResponseError(endpoint, `payload does not match (${where})`, data);
}
