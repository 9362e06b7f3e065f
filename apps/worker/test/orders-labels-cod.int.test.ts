import { startBridge, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge();
});
afterAll(async () => {
  await bridge?.stop();
});

// A tiny but real PDF, Base64: what Qianyi sends as labelData.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

test("self-shipped label: tracking number and Base64 PDF become the parcel's label", async () => {
  const n = orderNumber('OWN');
  const res = await bridge.call(
    'createOrder',
    order(n, { packageType: 'OWN_PACKAGE', trackingNumber: '1Z999AA10123456784', labelData: PDF }),
  );
  expect(res.body.success).toBe(true);
  const { request } = await bridge.control(`/__control/etower/orders/${n}/request`);
  expect(request.parcels[0]).toMatchObject({
    trackingNo: '1Z999AA10123456784',
    labelType: 1,
    label: PDF,
    labelName: `${n}.pdf`,
  });
});

test('self-shipped label without labelData or trackingNumber: refused naming the field, nothing sent', async () => {
  const n = orderNumber('OWNX');
  const noLabel = await bridge.call('createOrder', order(n, { packageType: 'OWN_PACKAGE', trackingNumber: '1Z1' }));
  expect(noLabel.body).toEqual({
    success: false,
    message: expect.stringContaining('labelData is required when packageType is OWN_PACKAGE'),
  });
  const noTracking = await bridge.call('createOrder', order(n, { packageType: 'own_package', labelData: PDF }));
  expect(noTracking.body).toEqual({ success: false, message: expect.stringContaining('trackingNumber is required') });
  expect((await etowerStats(bridge)).createOrderAttempts[n]).toBeUndefined();
});

test('COD is refused with a clear message when the tenant does not allow passthrough, nothing sent', async () => {
  const n = orderNumber('CODX');
  const res = await bridge.call('createOrder', order(n, { codEnabled: 1, codPayAmount: 10, codCurrency: 'USD' }));
  expect(res.body.success).toBe(false);
  expect(res.body.message).toMatch(/COD orders cannot be sent to eTower/);
  expect((await bridge.call('getOrder', { orderNumber: n })).body.success).toBe(false);
});

test('COD without its amount: refused naming codPayAmount', async () => {
  const res = await bridge.call('createOrder', order(orderNumber('CODY'), { codEnabled: 1, codCurrency: 'USD' }));
  expect(res.body).toEqual({ success: false, message: 'codPayAmount is required when codEnabled is 1' });
});
