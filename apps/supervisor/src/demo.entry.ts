import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeSign } from '@bridge/qianyi';
import { repoRoot } from '@bridge/testkit';

/**
 * `pnpm demo`: sends the seed document's example calls, correctly signed, to the bridge that `pnpm start`
 * runs, and prints what came back. The seed's createOrder names a warehouse (QY_01) and channel (FedexGround)
 * the sandbox does not have, so the demo swaps in the first warehouse and channel that `channels` returns.
 */
interface Run { ingressUrl: string; accessId: string; secretKey: string }

const run: Run = (() => {
  try {
    return JSON.parse(readFileSync(join(repoRoot, '.data', 'run.json'), 'utf8')) as Run;
  } catch {
    process.stderr.write('No running bridge found (.data/run.json). Start it first with `pnpm start`, then run `pnpm demo` in another terminal.\n');
    process.exit(1);
  }
})();

async function call(method: string, content: object | '', note = ''): Promise<any> {
  const text = content === '' ? '' : JSON.stringify(content);
  const sign = computeSign(run.accessId, text === '' ? undefined : text, run.secretKey);
  const body = { accessId: run.accessId, method, content: text, sign };
  const res = await fetch(run.ingressUrl, { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) });
  const answer = await res.json();
  process.stdout.write(`\n→ ${method}${note ? `  (${note})` : ''}\n  content: ${text.length > 160 ? `${text.slice(0, 160)}…` : text || '""'}\n← HTTP ${res.status} ${JSON.stringify(answer, null, 2).replace(/\n/g, '\n  ')}\n`);
  return answer;
}

const suffix = Date.now().toString(36).toUpperCase();
const channels = await call('channels', '');
await call('warehouses', '');
const channel = channels.channelList?.[0];
if (!channel) { process.stderr.write('the sandbox offered no channel; is the worker running?\n'); process.exit(1); }

const order = {
  orderNumber: `CESH${suffix}`, onlineOrderId: '113195753779', shopName: '测试', logisticsCode: channel.channelCode, platform: 'tiktok',
  warehouseCode: channel.warehouseCode, freight: 20.0,
  receiver: { name: 'Kimberly White', phone: '1889838055188', email: '', country: 'US', state: 'AR', city: 'Harrison', district: 'null', address1: 'TestStreet1', address2: '', postalCode: '72601' },
  skuList: [{ sku: 'SKU-000001', name: null, quantity: 1, amount: 120.0, shippingPrice: 20.0, hsCode: 'CL0000000000001', chineseCustomsDeclarationName: '测试商品', englishCustomsDeclarationName: 'TEST' }],
};
await call('createOrder', order, `seed example with ${channel.warehouseCode} / ${channel.channelCode}`);
await call('createOrder', order, 'the same order again: answered from the record, not created twice');
await call('getOrder', { orderNumber: order.orderNumber });
await call('cancelOrder', { orderNumber: order.orderNumber, warehouseOrderNumber: order.orderNumber }, 'already released: eTower has no cancel API');
await call('getOrder', { orderNumber: 'NO-SUCH-ORDER' }, 'unknown order');
await call('createOrder', { ...order, orderNumber: `BAD${suffix}`, receiver: { ...order.receiver, postalCode: undefined } }, 'missing receiver.postalCode');
await call('syncInventory', { pageSize: '50', page: '1', warehouseCode: channel.warehouseCode });
process.stdout.write(`\nThe sandbox ships orders after a few seconds: call getOrder for ${order.orderNumber} again, or see the push at the sandbox's /__control/qianyi page.\n`);
