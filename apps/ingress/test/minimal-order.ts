/** The smallest createOrder content the schema accepts: one line, a US address. */
export const minimalOrder = (orderNumber: string) => ({
  orderNumber,
  onlineOrderId: 'o',
  shopName: 's',
  warehouseCode: 'USWH1',
  logisticsCode: 'USPS Ground',
  platform: 'p',
  freight: 1,
  receiver: { name: 'n', phone: '1', country: 'US', state: 'CA', city: 'LA', address1: 'a', postalCode: '1' },
  skuList: [{ sku: 'SKU-000001', quantity: 1, amount: 1 }],
});
