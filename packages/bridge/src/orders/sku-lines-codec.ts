import type { FieldCodec } from '../state/document-store';

type Lines = Array<{ sku: string; quantity: number }>;

/**
 * An order's SKU lines in its record as `<quantity> <sku>` lines (`2 SKU-1\n3 SKU-2`) rather than JSON: about half
 * the bytes, and a typical order's lines stay under Redis's 64-byte limit for a compact (listpack) hash, which holds
 * the whole record in roughly a third of the memory of a hash table. A SKU holding a line break (the schema refuses
 * control characters, but a record may predate it) is kept as JSON; a JSON value (any record before this) is read too.
 */
export const skuLinesCodec: FieldCodec = {
  encode(value) {
    const lines = value as Lines;
    if (lines.some((l) => /[\r\n]/.test(l.sku) || !Number.isSafeInteger(l.quantity))) return JSON.stringify(lines);
    return lines.map((l) => `${l.quantity} ${l.sku}`).join('\n');
  },
  decode(raw) {
    if (raw.startsWith('[')) return JSON.parse(raw) as Lines;
    if (raw === '') return [];
    return raw.split('\n').map((line) => {
      const space = line.indexOf(' ');
      return { sku: line.slice(space + 1), quantity: Number(line.slice(0, space)) };
    });
  },
};
