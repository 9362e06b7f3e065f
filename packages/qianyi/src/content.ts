// Reads a method's `content` string into a typed, coerced value. Never touches the string used
// for the signature; that one is hashed exactly as received.
import { formatIssues } from './issues';
import { repairAsnNumbersJson } from './json-repair';
import type { QianyiMethod } from './methods';
import { CONTENT_SCHEMAS, type ContentOf } from './schemas/index';

export type ContentResult<M extends QianyiMethod> = { ok: true; value: ContentOf<M> } | { ok: false; message: string };

// The list methods are signed and sent with content "" (seed §3, §4).
const EMPTY_CONTENT_ALLOWED: ReadonlySet<QianyiMethod> = new Set(['warehouses', 'channels']);
const ASN_BATCH_METHODS: ReadonlySet<QianyiMethod> = new Set(['getAsnList', 'cancelAsnOrder']);
// Dropped while copying so they can never become an object's prototype; no method uses them.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Trims every object key, recursively: the seed sends "pageSize " with a trailing space. When a
 * trimmed key collides with another, the one already spelled without spaces wins.
 */
export function trimKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Recursion is bounded here, before anything else walks the value: a signed content of 100,000 nested
  // arrays would otherwise exhaust the stack and turn a bad call into an HTTP 500 (found by the fuzzing suite).
  if (depth >= MAX_DEPTH) throw new NestingTooDeep();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      if (child !== null && typeof child === 'object') value[i] = trimKeys(child, depth + 1);
    }
    return value;
  }
  // The value comes straight from JSON.parse and is ours: it is changed in place, and an object is copied only
  // when one of its keys needs trimming or dropping (rare), which keeps the hot path free of copies. Only
  // nested objects are visited and written back: writing every scalar back was a megamorphic keyed store each, the
  // kind callgrind found at 1.7 % of the ingress's instructions (bench/RESULTS.md, sixth round).
  const obj = value as Record<string, unknown>;
  let clean = true;
  for (const key in obj) {
    if (!isTrimmed(key) || UNSAFE_KEYS.has(key)) {
      clean = false;
      break;
    }
  }
  if (clean) {
    for (const key in obj) {
      const child = obj[key];
      if (child !== null && typeof child === 'object') obj[key] = trimKeys(child, depth + 1);
    }
    return obj;
  }
  const out: Record<string, unknown> = {};
  for (const [rawKey, child] of Object.entries(obj)) {
    const key = rawKey.trim();
    if (UNSAFE_KEYS.has(key)) continue;
    if (Object.hasOwn(out, key) && key !== rawKey) continue;
    out[key] = trimKeys(child, depth + 1);
  }
  return out;
}

/** `key.trim() === key`, without trim's scan for the usual key that starts and ends with a visible ASCII character. */
function isTrimmed(key: string): boolean {
  const first = key.charCodeAt(0);
  const last = key.charCodeAt(key.length - 1);
  if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) return true;
  return key.trim() === key;
}

/** Deeper than any Qianyi content (createOrder is four levels: order, skuList, line, value). */
export const MAX_DEPTH = 32;
class NestingTooDeep extends Error {}

function parseJson(method: QianyiMethod, text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const repaired = ASN_BATCH_METHODS.has(method) ? repairAsnNumbersJson(text) : undefined;
    if (repaired === undefined) return { ok: false };
    try {
      return { ok: true, value: JSON.parse(repaired) };
    } catch {
      return { ok: false };
    }
  }
}

export function parseContent<M extends QianyiMethod>(method: M, content: string | undefined): ContentResult<M> {
  let data: unknown;
  if (content === undefined || content === null || content.trim() === '') {
    if (!EMPTY_CONTENT_ALLOWED.has(method)) return { ok: false, message: 'content is required' };
    data = {};
  } else {
    const parsed = parseJson(method, content);
    if (!parsed.ok) return { ok: false, message: 'content is not valid JSON' };
    data = parsed.value;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, message: 'content must be a JSON object' };
  }
  const schema = CONTENT_SCHEMAS[method];
  if (schema === undefined) return { ok: false, message: `method ${String(method)} is not supported` };
  let trimmed: unknown;
  try {
    trimmed = trimKeys(data);
  } catch (err) {
    if (err instanceof NestingTooDeep)
      return { ok: false, message: `content is nested deeper than ${MAX_DEPTH} levels` };
    throw err;
  }
  const result = schema.safeParse(trimmed);
  if (!result.success) return { ok: false, message: formatIssues(result.error.issues) };
  return { ok: true, value: result.data as ContentOf<M> };
}
