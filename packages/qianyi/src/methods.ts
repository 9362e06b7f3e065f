// The ten methods Qianyi calls on a third-party warehouse (seed §3–§11).
export const QIANYI_METHODS = [
  'warehouses',
  'channels',
  'createOrder',
  'getOrder',
  'cancelOrder',
  'syncInventory',
  'createAsnOrder',
  'getAsnList',
  'cancelAsnOrder',
  'insert_sku_info',
] as const;

export type QianyiMethod = (typeof QIANYI_METHODS)[number];

// Queries are answered from state at once; commands change something in the warehouse.
export const METHOD_KIND: Record<QianyiMethod, 'query' | 'command'> = {
  warehouses: 'query',
  channels: 'query',
  createOrder: 'command',
  getOrder: 'query',
  cancelOrder: 'command',
  syncInventory: 'query',
  createAsnOrder: 'command',
  getAsnList: 'query',
  cancelAsnOrder: 'command',
  insert_sku_info: 'command',
};

// The seed's own examples send " cancelOrder" with a leading space, and insert_sku_info is the
// only snake_case name, so matching is trimmed, case-insensitive and knows the camelCase alias.
const BY_LOWER_NAME: ReadonlyMap<string, QianyiMethod> = new Map<string, QianyiMethod>([
  ...QIANYI_METHODS.map((m): [string, QianyiMethod] => [m.toLowerCase(), m]),
  ['insertskuinfo', 'insert_sku_info'],
]);

export function resolveMethod(raw: string): QianyiMethod | undefined {
  // No method name is longer than 20 characters: a long string is refused before it is copied twice below.
  if (typeof raw !== 'string' || raw.length > 100) return undefined;
  return BY_LOWER_NAME.get(raw.trim().toLowerCase());
}
