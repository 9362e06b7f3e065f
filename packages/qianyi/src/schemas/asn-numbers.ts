// asnNumbers as getAsnList and cancelAsnOrder take it (seed §9.1, §10). The table says
// List<String>; items are also accepted as objects holding asnNumber (and perhaps warehouseCode),
// and a lone string or object as a list of one. warehouseCode is read from the top level, else
// from the first object item that has one (the seed's example put it inside the array).
import { z } from 'zod';
import { id, optId } from './bounded';
import { obj } from './coerce';
import { ID_LENGTH, MAX_LIST } from './limits';

// A bare ASN number (string or number) is read as an object holding it, so that an item too long or holding a control character is
// refused naming asnNumbers[i].asnNumber and why (a union of the two shapes could only say that neither fit).
const asFields = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? { asnNumber: v } : v);
const asnItem = z.preprocess(
  asFields,
  z.object(
    { asnNumber: id(ID_LENGTH.asnNumber), warehouseCode: optId(ID_LENGTH.warehouseCode) },
    { error: (iss) => (iss.input == null ? 'is required' : 'must be an ASN number or an object holding asnNumber') },
  ),
);

const wrapLone = (v: unknown) => (v !== null && v !== undefined && !Array.isArray(v) ? [v] : v);

export const asnNumbersContentSchema = obj({
  asnNumbers: z.preprocess(
    wrapLone,
    z
      .array(asnItem, { error: (iss) => (iss.input == null ? 'is required' : 'must be a list') })
      .min(1, { message: 'must not be empty' })
      .max(MAX_LIST.asnNumbers, { message: `must not have more than ${MAX_LIST.asnNumbers} entries` }),
  ),
  warehouseCode: optId(ID_LENGTH.warehouseCode),
}).transform(({ asnNumbers, warehouseCode }) => {
  const code = warehouseCode ?? asnNumbers.find((i) => i.warehouseCode !== undefined)?.warehouseCode;
  return {
    asnNumbers: [...new Set(asnNumbers.map((i) => i.asnNumber))],
    ...(code !== undefined ? { warehouseCode: code } : {}),
  };
});
