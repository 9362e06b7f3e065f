/**
 * The one encoding of the parts of every Redis key, job id and outbox member built from a tenant and a document.
 *
 * Parts come from outside (an accessId from the configuration, order numbers, SKUs, warehouse codes from Qianyi or
 * eTower) and may hold any character, among them the separator their joined form uses. Joined unescaped, two
 * different (tenant, document) pairs could give one key: tenant `shop-1` with order `A` and tenant `shop` with order
 * `1-A` once had one job id. So a part is escaped: `%` and the separators of the form it goes into become `%XX`
 * (the character's code in upper-case hex); nothing else changes. Escaped that way a part never holds a separator,
 * every `%` in it starts an escape, and unescaping gives the part back.
 *
 * In each form every part but one is escaped, and that one (the document, where it can) is kept as it is as far as
 * the form allows: the others are free of the separator and there is a fixed number of them, so where the free part
 * starts and ends is still certain, and the joined form stays injective (keys.ts, jobs/job-id.ts, outbox.ts).
 * Only `%` and the separators change, so a key or id made of ordinary characters is the same as before the
 * encoding existed (an upgrade keeps finding it); docs/architecture.md says what an upgrade does to the others.
 */

/** The characters that must be escaped besides `%`: every separator is ASCII, so two hex digits encode it. */
export type Reserved = ':' | '-:' | '\n';

const HEX = /%([0-9A-F]{2})/g;

function escaper(reserved: Reserved): (part: string) => string {
  const chars = `%${reserved}`.replace(/[-\\\]^]/g, '\\$&');
  const any = new RegExp(`[${chars}]`);
  const all = new RegExp(`[${chars}]`, 'g');
  const code = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  // Keys are built on every call; the common part has nothing to escape and is returned as it is.
  return (part) => (any.test(part) ? part.replace(all, code) : part);
}

const escapers: Record<Reserved, (part: string) => string> = {
  ':': escaper(':'),
  '-:': escaper('-:'),
  '\n': escaper('\n'),
};

/** `part` with `%` and each character of `reserved` percent-encoded. */
export function escapePart(part: string, reserved: Reserved): string {
  return escapers[reserved](part);
}

/** The part `escapePart` was given (whatever `reserved` was: only `%XX` sequences are decoded, and each is one). */
export function unescapePart(escaped: string): string {
  return escaped.includes('%')
    ? escaped.replace(HEX, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : escaped;
}
