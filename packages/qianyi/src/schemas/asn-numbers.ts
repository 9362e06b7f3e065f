// asnNumbers as getAsnList and cancelAsnOrder take it (seed §9.1, §10). The table says
// List<String>; items are also accepted as objects holding asnNumber (and perhaps warehouseCode),
// and a lone string or object as a list of one. warehouseCode is read from the top level, else
// from the first object item that has one (the seed's example put it inside the array).
import { z } from 'zod';
import { obj, optStr, str } from './coerce';

const asnItem = z.union([str(), obj({ asnNumber: str(), warehouseCode: optStr() })], {
  error: 'must be an ASN number or an object holding asnNumber',
});

const wrapLone = (v: unknown) => (v !== null && v !== undefined && !Array.isArray(v) ? [v] : v);

export const asnNumbersContentSchema = obj({
  asnNumbers: z.preprocess(
    wrapLone,
    z
      .array(asnItem, { error: (iss) => (iss.input == null ? 'is required' : 'must be a list') })
      .min(1, { message: 'must not be empty' }),
  ),
  warehouseCode: optStr(),
}).transform(({ asnNumbers, warehouseCode }) => {
  const fromItems = asnNumbers.find((i) => typeof i === 'object' && i.warehouseCode !== undefined);
  const code = warehouseCode ?? (typeof fromItems === 'object' ? fromItems.warehouseCode : undefined);
  return {
    asnNumbers: [...new Set(asnNumbers.map((i) => (typeof i === 'string' ? i : i.asnNumber)))],
    ...(code !== undefined ? { warehouseCode: code } : {}),
  };
});
