// Every supplier-service path the client calls (reference §3), from the host root. The sandbox serves the same.
export const ETOWER_PREFIX = '/api/supplier-service';

export const ETOWER_PATHS = {
  warehouseServiceList: `${ETOWER_PREFIX}/v1/b2c/warehouseServiceList`,
  createOrders: `${ETOWER_PREFIX}/v1/openApi/packetOrder/b2c/createOrders`,
  confirmOrders: `${ETOWER_PREFIX}/v1/b2c/orders/confirm`,
  orderList: `${ETOWER_PREFIX}/v1/b2c/orderList`,
  inventory: `${ETOWER_PREFIX}/v1/b2b/inventory`,
  createProducts: `${ETOWER_PREFIX}/v1/product/create`,
  createPo: `${ETOWER_PREFIX}/v1/b2b/po`,
  poList: `${ETOWER_PREFIX}/v1/b2b/poList`,
} as const;

/** eTower's documented cap on ids per list query (orderList; assumed for poList too). */
export const MAX_IDS_PER_QUERY = 300;
/** eTower's documented cap on products per product/create call. */
export const MAX_PRODUCTS_PER_CALL = 30;
