/**
 * The one encoding of the parts of every Redis key, job id and outbox member built from a tenant and a document.
 *
 * Parts come from outside (an accessId from the configuration, order numbers, SKUs, warehouse codes from Qianyi or
 * eTower) and may hold any character, among them the separator their joined form uses. Joined unescaped, two
 * different (tenant, document) pairs could give one key: tenant `shop-1` with order `A` and tenant `shop` with order
 * `1-A` once had one job id. So each part is escaped: `%` and the separators of the form it goes into become `%XX`
 * (the character's code in upper-case hex); nothing else changes. Escaped that way a part never holds a separator,
 * every `%` in it starts an escape, and unescaping gives the part back, so the joined form is injective.
 *
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

const escapers: Record<Reserved, (part: string) => string> = { ':': escaper(':'), '-:': escaper('-:'), '\n': escaper('\n') };

/** `part` with `%` and each character of `reserved` percent-encoded. */
export function escapePart(part: string, reserved: Reserved): string {
  return escapers[reserved](part);
}

/** The part `escapePart` was given (whatever `reserved` was: only `%XX` sequences are decoded, and each is one). */
export function unescapePart(escaped: string): string {
  return escaped.includes('%') ? escaped.replace(HEX, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : escaped;
}

/**
 * `escapePart(s, ':')` for Lua scripts that build a key from a value they read in Redis (a key part that arrives
 * as an argument is escaped by the caller instead). Prepend it to the script and call `key_part(s)`.
 */
export const LUA_KEY_PART = `local function key_part(s) return (string.gsub(s, '[%%:]', function(c) return string.format('%%%02X', string.byte(c)) end)) end
`;
