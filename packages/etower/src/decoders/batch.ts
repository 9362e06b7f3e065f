import { decodeEnvelope, isEnvelopeLike, refusalOf, type EtowerEnvelope } from '../envelope';
import { describeRefusal, isDuplicateRefusal, type EtowerErrorItem } from '../errors/business-error';
import { EtowerMalformedResponseError } from '../errors/malformed-response-error';

// Shared by createOrders and product/create: both take a list and answer (per the create-orders seed) an
// ARRAY with one envelope per item, in submission order. Older or alternative layouts (one envelope for the
// batch, refusing or not; per-item answers nested in its data; errors keyed by referenceNo) are folded into
// the same per-item outcome so the endpoints only map field names, and so a duplicate refusal is recognised
// as one in every layout.

/** eTower refused one item of a batch. The endpoints' results add the item's key under their own field name. */
export interface BatchRefusal {
  ok: false;
  missing: false;
  /** The refusal says the item already exists (usually created by an earlier try): read it back. */
  duplicate: boolean;
  code: string;
  message: string;
  errors: EtowerErrorItem[];
  /** Human-readable, e.g. `eTower refused (600906): warehouseServiceName:X ,Does not exist ...`. */
  reason: string;
}

export type BatchOutcome =
  | { key: string; ok: true; data: Record<string, unknown> }
  | ({ key: string } & BatchRefusal)
  /** No answer for this item: it may or may not exist at eTower. The caller must re-read it. */
  | { key: string; ok: false; missing: true };

export interface BatchDecodeOptions {
  endpoint: string;
  /** Item keys in submission order (referenceNo / sku). */
  keys: readonly string[];
  /** Name of the key field inside `data` (`referenceNo` / `sku`). */
  keyField: string;
  /** Extra duplicate test on error messages (products: /already exist/i). */
  duplicateMessage?: RegExp;
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const keyOf = (v: unknown, field: string): string | undefined => {
  const k = asRecord(v)?.[field];
  return typeof k === 'string' && k !== '' ? k : typeof k === 'number' ? String(k) : undefined;
};

function refused(
  key: string,
  code: string,
  message: string,
  errors: EtowerErrorItem[],
  o: BatchDecodeOptions,
): BatchOutcome {
  return {
    key,
    ok: false,
    missing: false,
    code,
    message,
    errors,
    duplicate: isDuplicateRefusal(code, errors, o.duplicateMessage) || (o.duplicateMessage?.test(message) ?? false),
    reason: describeRefusal(code, message, errors),
  };
}

function outcomeOf(key: string, env: EtowerEnvelope, o: BatchDecodeOptions): BatchOutcome {
  if (!env.ok) return refused(key, env.code, env.message, env.errors, o);
  return { key, ok: true, data: asRecord(env.data) ?? {} };
}

/** Matches answers to items: by the key inside `data` when present, else by position. */
function fromEnvelopeArray(items: unknown[], o: BatchDecodeOptions): Map<string, BatchOutcome> {
  const byKey = new Map<string, BatchOutcome>();
  items.forEach((item, index) => {
    const env = decodeEnvelope(item);
    if (!env) throw new EtowerMalformedResponseError(o.endpoint, `answer #${index} is not an envelope`, item);
    const key = keyOf(env.data, o.keyField) ?? o.keys[index];
    if (key !== undefined && !byKey.has(key)) byKey.set(key, outcomeOf(key, env, o));
  });
  return byKey;
}

/** Older layout: `data` maps each refused key to its errors (or, if ever, to its new number/object). */
function fromKeyedData(data: Record<string, unknown>, o: BatchDecodeOptions): Map<string, BatchOutcome> {
  const byKey = new Map<string, BatchOutcome>();
  for (const key of o.keys) {
    if (!(key in data)) continue;
    const value = data[key];
    if (Array.isArray(value)) {
      const env = decodeEnvelope({ code: '', errors: value, success: false });
      const errors = env?.errors ?? [];
      byKey.set(key, refused(key, errors[0]?.code ?? '', errors[0]?.message ?? '', errors, o));
    } else if (asRecord(value)) byKey.set(key, { key, ok: true, data: asRecord(value)! });
    else if (typeof value === 'string' && value !== '') byKey.set(key, { key, ok: true, data: { value } });
  }
  return byKey;
}

export function decodeBatch(body: unknown, o: BatchDecodeOptions): BatchOutcome[] {
  const byKey = Array.isArray(body) ? fromEnvelopeArray(body, o) : fromSingleEnvelope(body, o);
  return o.keys.map((key) => byKey.get(key) ?? { key, ok: false, missing: true });
}

/**
 * One envelope for the whole batch. Whatever its success flag says, per-item answers inside `data` (envelopes,
 * records, or the older map keyed by referenceNo) are read per item. A refusal with nothing per item is the
 * batch's: for a batch of one, that item's refusal (so a duplicate in this layout is still a duplicate to read
 * back, never a failure); for a larger batch, per item when every error names one of our keys (the others are
 * then unknown: missing, to be read back), else it throws the refusal for the whole batch.
 */
function fromSingleEnvelope(body: unknown, o: BatchDecodeOptions): Map<string, BatchOutcome> {
  const env = isEnvelopeLike(body) ? decodeEnvelope(body) : null;
  if (!env) throw new EtowerMalformedResponseError(o.endpoint, 'neither an array of envelopes nor an envelope', body);
  const data = env.data;
  if (Array.isArray(data) && data.length > 0) {
    // One envelope for the batch whose data is either per-item envelopes or per-item records.
    if (data.every(isEnvelopeLike)) return fromEnvelopeArray(data, o);
    if (env.ok) {
      return new Map(
        data.flatMap((d, i) => {
          const key = keyOf(d, o.keyField) ?? o.keys[i];
          return key === undefined ? [] : [[key, { key, ok: true, data: asRecord(d) ?? {} } as BatchOutcome]];
        }),
      );
    }
  }
  const record = asRecord(data);
  if (env.ok) {
    if (record && keyOf(record, o.keyField) !== undefined) {
      const key = keyOf(record, o.keyField)!;
      return new Map([[key, { key, ok: true, data: record }]]);
    }
    return record ? fromKeyedData(record, o) : new Map();
  }
  if (record && o.keys.some((k) => Array.isArray(record[k]))) return fromKeyedData(record, o);
  if (o.keys.length === 1) {
    const key = o.keys[0]!;
    return new Map([[key, refused(key, env.code, env.message, env.errors, o)]]);
  }
  const named = perItemErrors(env.errors, o.keys);
  if (!named) throw refusalOf(o.endpoint, env);
  return new Map(
    [...named].map(([key, errors]) => [key, refused(key, errors[0]!.code || env.code, env.message, errors, o)]),
  );
}

/** The errors grouped by the one key each names in its message (`referenceNo:SO-1,Already exists…`), or
 *  undefined when any error names none or several: then they are not per item. */
function perItemErrors(
  errors: readonly EtowerErrorItem[],
  keys: readonly string[],
): Map<string, EtowerErrorItem[]> | undefined {
  if (errors.length === 0) return undefined;
  const byKey = new Map<string, EtowerErrorItem[]>();
  for (const e of errors) {
    const named = keys.filter((k) => namesKey(e.message, k));
    if (named.length !== 1) return undefined;
    byKey.set(named[0]!, [...(byKey.get(named[0]!) ?? []), e]);
  }
  return byKey;
}

/** Whether `message` names `key` as a whole token (SO-1 is not named by "SO-10"). */
function namesKey(message: string, key: string): boolean {
  let at = message.indexOf(key);
  while (at >= 0) {
    const before = message[at - 1];
    const after = message[at + key.length];
    if (!isKeyChar(before) && !isKeyChar(after)) return true;
    at = message.indexOf(key, at + 1);
  }
  return false;
}

const isKeyChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_-]/u.test(c);
