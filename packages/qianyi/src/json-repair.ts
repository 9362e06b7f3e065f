// The seed's getAsnList example is not JSON: {"asnNumbers":["CESH210204147401","warehouseCode":"warehouse1"]}
// (warehouseCode slipped inside the array). If the ERP really sends that, plain JSON.parse fails,
// so this repair lifts exactly that one key out of the asnNumbers array and nothing else. It runs
// only after JSON.parse has failed, so well-formed content never goes through it.

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const MISPLACED_WAREHOUSE_CODE = new RegExp(
  String.raw`("asnNumbers"\s*:\s*\[)((?:\s*${STRING}\s*,)*)\s*"warehouseCode"\s*:\s*(${STRING})\s*\]`,
);

export function repairAsnNumbersJson(text: string): string | undefined {
  const match = MISPLACED_WAREHOUSE_CODE.exec(text);
  if (match === null) return undefined;
  const [whole, open, items, code] = match as unknown as [string, string, string, string];
  const itemsWithoutTrailingComma = items.replace(/,\s*$/, '');
  return (
    text.slice(0, match.index) +
    `${open}${itemsWithoutTrailingComma}],"warehouseCode":${code}` +
    text.slice(match.index + whole.length)
  );
}
