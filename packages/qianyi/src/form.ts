// application/x-www-form-urlencoded decoding that also keeps a second reading in which `+` stays
// a literal plus. A sender that forgets to percent-encode `+` inside content (Base64 labels are
// full of them) would otherwise fail the sign check for no visible reason.

export type FormResult =
  | { ok: true; fields: Record<string, string>; plusLiteral: Record<string, string> }
  | { ok: false; message: string };

function decode(part: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? part.replace(/\+/g, ' ') : part);
  } catch {
    return undefined;
  }
}

export function decodeForm(text: string): FormResult {
  // Null-prototype records: a field named "__proto__" stays an ordinary key.
  const fields: Record<string, string> = Object.create(null);
  const plusLiteral: Record<string, string> = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const name = decode(rawName, true);
    const value = decode(rawValue, true);
    if (name === undefined || value === undefined) {
      return { ok: false, message: 'body is not valid form encoding (bad percent-escape)' };
    }
    // The first occurrence wins, as with URLSearchParams.get.
    if (Object.hasOwn(fields, name)) continue;
    fields[name] = value;
    const literal = decode(rawValue, false);
    if (literal !== undefined) plusLiteral[name] = literal;
  }
  return { ok: true, fields, plusLiteral };
}
