import { decodeEnvelope, isEnvelopeLike, refusalOf, type EtowerEnvelope } from '../envelope';
import { describeRefusal, isDuplicateRefusal, type EtowerErrorItem } from '../errors/business-error';
import { EtowerMalformedResponseError } from '../errors/malformed-response-error';

// Shared by createOrders and product/create: both take a list and answer (per the create-orders seed) an
// ARRAY with one envelope per item, in submission order. Older or alternative layouts are folded into the
// same per-item outcome so the endpoints only map field names.

export type BatchOutcome =
  | { key: string; ok: true; data: Record<string, unknown> }
  | { key: string; ok: false; missing: false; duplicate: boolean; code: string; message: string; errors: EtowerErrorItem[]; reason: string }
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

function refused(key: string, code: string, message: string, errors: EtowerErrorItem[], o: BatchDecodeOptions): BatchOutcome {
  return {
    key, ok: false, missing: false, code, message, errors,
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
  let byKey: Map<string, BatchOutcome>;
  if (Array.isArray(body)) byKey = fromEnvelopeArray(body, o);
  else {
    const env = isEnvelopeLike(body) ? decodeEnvelope(body) : null;
    if (!env) throw new EtowerMalformedResponseError(o.endpoint, 'neither an array of envelopes nor an envelope', body);
    // A single envelope with success:false refuses the whole batch.
    if (!env.ok) throw refusalOf(o.endpoint, env);
    const data = env.data;
    if (Array.isArray(data)) {
      // One envelope for the batch whose data is either per-item envelopes or per-item records.
      byKey = data.every(isEnvelopeLike)
        ? fromEnvelopeArray(data, o)
        : new Map(data.flatMap((d, i) => {
          const key = keyOf(d, o.keyField) ?? o.keys[i];
          return key === undefined ? [] : [[key, { key, ok: true, data: asRecord(d) ?? {} } as BatchOutcome]];
        }));
    } else if (asRecord(data) && keyOf(data, o.keyField) !== undefined) {
      const key = keyOf(data, o.keyField)!;
      byKey = new Map([[key, { key, ok: true, data: asRecord(data)! }]]);
    } else if (asRecord(data)) byKey = fromKeyedData(asRecord(data)!, o);
    else byKey = new Map();
  }
  return o.keys.map((key) => byKey.get(key) ?? { key, ok: false, missing: true });
}
