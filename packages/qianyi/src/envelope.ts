// Turns the raw HTTP body of a Qianyi call into its four envelope fields. Pure and total: every
// input, however malformed, ends in a typed result and never in an exception.
import { decodeForm } from './form';

export interface Envelope {
  accessId: string;
  /** As received (untrimmed); resolve it with resolveMethod. */
  method: string;
  sign: string;
  /** Exactly the string to hash; undefined when the field was absent or null. */
  content: string | undefined;
  /** Other plausible readings of content for the sign verifier (e.g. form `+` kept literal). */
  contentAlternates: string[];
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; status: 400; message: string };

type BodyKind = 'json' | 'form';

// Keys that would reach Object.prototype if some later code copied the envelope carelessly.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const bad = (message: string): EnvelopeResult => ({ ok: false, status: 400, message });

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function bodyKind(contentType: string | undefined, text: string): BodyKind | undefined {
  const type = mediaType(contentType);
  if (type === '') return text.trimStart().startsWith('{') ? 'json' : 'form';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

interface RawFields {
  fields: Record<string, unknown>;
  plusLiteralContent?: string;
}

function readJson(text: string): RawFields | string {
  let parsed: unknown;
  try {
    // JSON.parse creates "__proto__" as an ordinary own property, so parsing itself is safe.
    parsed = JSON.parse(text);
  } catch {
    return 'body is not valid JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'body must be a JSON object';
  }
  return { fields: parsed as Record<string, unknown> };
}

function readForm(text: string): RawFields | string {
  const decoded = decodeForm(text);
  if (!decoded.ok) return decoded.message;
  const fields = decoded.fields;
  const literal = decoded.plusLiteral.content;
  return literal !== undefined && literal !== fields.content ? { fields, plusLiteralContent: literal } : { fields };
}

function contentOf(value: unknown): { ok: true; content: string | undefined } | { ok: false } {
  if (value === undefined || value === null) return { ok: true, content: undefined };
  if (typeof value === 'string') return { ok: true, content: value };
  // Not documented, but a sender that embeds content as a JSON object instead of a string is
  // easy to serve. The original bytes are gone after JSON.parse, so the sign can only match if
  // the sender serialised it the way JSON.stringify does.
  if (typeof value === 'object') return { ok: true, content: JSON.stringify(value) };
  return { ok: false };
}

export function parseEnvelope(rawBody: Buffer, contentType: string | undefined): EnvelopeResult {
  try {
    return parseEnvelopeUnsafe(rawBody, contentType);
  } catch {
    // Belt and braces: the parsers below are written not to throw, but a 400 beats a crash.
    return bad('body could not be read');
  }
}

function parseEnvelopeUnsafe(rawBody: Buffer, contentType: string | undefined): EnvelopeResult {
  if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) return bad('body is empty');
  // A UTF-8 byte order mark is legal in a file but not in JSON.parse's input; Windows tools add it.
  const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
  const kind = bodyKind(contentType, text);
  if (kind === undefined) {
    return bad(
      `unsupported Content-Type "${mediaType(contentType).slice(0, 100)}"; send application/json or application/x-www-form-urlencoded`,
    );
  }
  const read = kind === 'json' ? readJson(text) : readForm(text);
  if (typeof read === 'string') return bad(read);
  const { fields } = read;

  for (const key of Object.keys(fields)) {
    if (FORBIDDEN_KEYS.has(key)) return bad(`body contains the forbidden key "${key}"`);
  }
  for (const name of ['accessId', 'method', 'sign'] as const) {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (value === undefined || value === null) return bad(`${name} is required`);
    if (typeof value !== 'string') return bad(`${name} must be a string`);
  }
  const content = contentOf(Object.hasOwn(fields, 'content') ? fields.content : undefined);
  if (!content.ok) return bad('content must be a string');

  const contentAlternates: string[] = [];
  if (read.plusLiteralContent !== undefined) contentAlternates.push(read.plusLiteralContent);

  return {
    ok: true,
    envelope: {
      accessId: fields.accessId as string,
      method: fields.method as string,
      sign: fields.sign as string,
      content: content.content,
      contentAlternates,
    },
  };
}
