import { QIANYI_METHODS } from '@bridge/qianyi';
import { DemoStop, type Answer, type DemoBridge } from './bridge';
import { summarize } from './summary';
import { waitFor } from './wait';

type Expect = 'success' | 'refusal';
interface Push {
  kind: 'order' | 'asn';
  content: Record<string, any>;
}

/**
 * The demo's calls: every one of the ten methods, and both webhooks (an order shipped, an ASN received at the
 * sandbox in two steps). Each call says what it expects; the run ends with what was covered and exits 1 if
 * any answer or push was not the expected one.
 */
export async function runDemo(bridge: DemoBridge, out: (line: string) => void): Promise<boolean> {
  const called = new Set<string>();
  const problems: string[] = [];

  const step = async (method: string, content: object | '', note: string, expect: Expect): Promise<Answer> => {
    const answer = await bridge.call(method, content);
    called.add(method);
    const ok = answer.status === 200 && answer.body.success === (expect === 'success');
    if (!ok)
      problems.push(
        `${method} (${note}): expected ${expect === 'success' ? 'success' : 'a refusal'}, got HTTP ${answer.status} success ${answer.body.success}`,
      );
    out(`→ ${method.padEnd(15)} ${note}`);
    out(`    ${ok ? 'ok' : 'UNEXPECTED'}  ${summarize(method, answer)}`);
    return answer;
  };
  const pushes = async (query: string): Promise<Push[]> => bridge.control(`/__control/qianyi/pushes?${query}`);
  const awaitPush = async (label: string, query: string, match: (p: Push) => boolean): Promise<Push> => {
    const push = await waitFor(`the ${label} webhook at the sandbox's Qianyi`, async () =>
      (await pushes(query)).find(match),
    );
    const name = push.kind === 'order' ? 'pushOrderInfo' : 'pushAsnInfo';
    const c = push.content;
    out(
      `⇠ ${name.padEnd(15)} ${
        push.kind === 'order'
          ? `${c.orderNumber} ${c.status} (${c.wmsStatus}), carrier ${c.carrier ?? '-'}, tracking ${c.trackNumber ?? '-'}`
          : `${c.asnNumber} ${c.wmsStatus}, received this time: ${(c.skuList ?? []).map((s: any) => `${s.sku} ${s.receivedQuantity}`).join(', ')}`
      }`,
    );
    return push;
  };

  const suffix = Date.now().toString(36).toUpperCase();
  out(`Calls signed as tenant ${bridge.accessId}, sent to ${bridge.run.callUrl}\n`);

  await step('warehouses', '', 'the warehouses eTower offers', 'success');
  const channels = await step('channels', '', 'their shipping channels', 'success');
  const channel = channels.body.channelList?.[0] as { channelCode: string; warehouseCode: string } | undefined;
  if (!channel)
    throw new DemoStop('the sandbox offered no channel; is the worker running? (see the pnpm start terminal)');
  const warehouseCode = channel.warehouseCode;

  await step(
    'insert_sku_info',
    {
      sku: `DEMO-${suffix}`,
      erpSku: `DEMO-${suffix}`,
      title: '演示商品 demo item',
      weight: '0.35',
      weightUnit: 'KG',
      length: '20',
      width: '10',
      height: '5',
      dimensionUnit: 'cm',
      warehouseCode,
    },
    "a new product (the tenant's productDefaults fill what Qianyi does not send)",
    'success',
  );

  // The seed document's createOrder, with the sandbox's first warehouse and channel (the seed's QY_01 / FedexGround do not exist there).
  const order = {
    orderNumber: `CESH${suffix}`,
    onlineOrderId: '113195753779',
    shopName: '测试',
    logisticsCode: channel.channelCode,
    platform: 'tiktok',
    warehouseCode,
    freight: 20.0,
    receiver: {
      name: 'Kimberly White',
      phone: '1889838055188',
      email: '',
      country: 'US',
      state: 'AR',
      city: 'Harrison',
      district: 'null',
      address1: 'TestStreet1',
      address2: '',
      postalCode: '72601',
    },
    skuList: [
      {
        sku: 'SKU-000001',
        name: null,
        quantity: 1,
        amount: 120.0,
        shippingPrice: 20.0,
        hsCode: 'CL0000000000001',
        chineseCustomsDeclarationName: '测试商品',
        englishCustomsDeclarationName: 'TEST',
      },
    ],
  };
  await step('createOrder', order, `the seed's example, with ${warehouseCode} / ${channel.channelCode}`, 'success');
  await step('createOrder', order, 'the same order again: answered from the record, not created twice', 'success');
  await step('getOrder', { orderNumber: order.orderNumber }, 'its state now', 'success');
  await step('getOrder', { orderNumber: `NO-SUCH-${suffix}` }, 'an order the bridge never saw', 'refusal');
  await step(
    'createOrder',
    { ...order, orderNumber: `BAD${suffix}`, receiver: { ...order.receiver, postalCode: undefined } },
    'receiver.postalCode missing',
    'refusal',
  );
  await step('syncInventory', { pageSize: '50', page: '1', warehouseCode }, 'inventory, page 1 of 50 rows', 'success');

  const asnNumber = `ASN${suffix}`;
  const asn = {
    asnNumber,
    warehouseCode,
    trackNumber: `T${suffix}`,
    skuList: [
      { sku: 'SKU-000001', quantity: 10 },
      { sku: 'SKU-000002', quantity: 4 },
    ],
    asnMarkSku: [
      {
        boxNumber: '1',
        sku: 'SKU-000001',
        quantity: 10,
        markCode: `QY-${asnNumber}-1`,
        length: 50,
        width: 40,
        height: 30,
      },
      {
        boxNumber: '2',
        sku: 'SKU-000002',
        quantity: 4,
        markCode: `QY-${asnNumber}-2`,
        length: 20,
        width: 20,
        height: 20,
      },
    ],
  };
  await step(
    'createAsnOrder',
    asn,
    "an inbound shipment of two boxes (the tenant's asnShipper is the sender)",
    'success',
  );
  await waitFor(`${asnNumber} to reach eTower`, async () =>
    ((await bridge.control('/__control/etower/pos')).pos as Array<{ referenceNo: string }>).find(
      (p) => p.referenceNo === asnNumber,
    ),
  );
  // Received by hand at the sandbox, in two steps: each brings one push with what arrived since the last.
  out(`⇢ sandbox         the warehouse receives ${asnNumber}: SKU-000001 6 of 10, SKU-000002 1 of 4`);
  await bridge.control(`/__control/etower/pos/${asnNumber}/receive`, {
    lines: [
      { sku: 'SKU-000001', qty: 6 },
      { sku: 'SKU-000002', qty: 1 },
    ],
  });
  await awaitPush(
    'first pushAsnInfo (RECEIVING)',
    `asnNumber=${asnNumber}`,
    (p) => p.content.wmsStatus === 'RECEIVING',
  );
  await step('getAsnList', { asnNumbers: [asnNumber] }, 'its state after the first step', 'success');
  out(`⇢ sandbox         the warehouse receives the rest: SKU-000001 4, SKU-000002 3`);
  await bridge.control(`/__control/etower/pos/${asnNumber}/receive`, {
    lines: [
      { sku: 'SKU-000001', qty: 4 },
      { sku: 'SKU-000002', qty: 3 },
    ],
  });
  await awaitPush('second pushAsnInfo (FINISHED)', `asnNumber=${asnNumber}`, (p) => p.content.wmsStatus === 'FINISHED');
  await step('getAsnList', { asnNumbers: [asnNumber] }, 'its state once received', 'success');
  await step(
    'cancelAsnOrder',
    { asnNumbers: [asnNumber] },
    "too late: eTower's API cannot cancel an inbound order it has",
    'refusal',
  );

  await awaitPush(
    'pushOrderInfo of the shipped order',
    `orderNumber=${order.orderNumber}`,
    (p) => p.content.status === 'SUCCESS',
  );
  await step('getOrder', { orderNumber: order.orderNumber }, 'shipped, with its tracking number', 'success');
  await step(
    'cancelOrder',
    { orderNumber: order.orderNumber, warehouseOrderNumber: order.orderNumber },
    'too late: it has shipped',
    'refusal',
  );

  const missing = QIANYI_METHODS.filter((m) => !called.has(m));
  // Every push the sandbox's Qianyi received for the demo's two documents (creation and status changes too).
  const webhooks = {
    pushOrderInfo: (await pushes(`orderNumber=${order.orderNumber}`)).length,
    pushAsnInfo: (await pushes(`asnNumber=${asnNumber}`)).length,
  };
  out('');
  out(
    `methods called: ${called.size} of ${QIANYI_METHODS.length}${missing.length ? ` (not: ${missing.join(', ')})` : ''}`,
  );
  out(
    `webhooks received: ${Object.entries(webhooks)
      .map(([w, n]) => `${w} ×${n}`)
      .join(', ')}`,
  );
  out(
    `see them in the dashboard (${bridge.run.dashboardUrl}/), at ${bridge.run.sandboxUrl}/__control/qianyi, or: pnpm ops order ${order.orderNumber}`,
  );
  for (const m of missing) problems.push(`${m} was not called`);
  for (const [w, n] of Object.entries(webhooks)) if (n === 0) problems.push(`no ${w} received`);
  for (const p of problems) out(`problem: ${p}`);
  return problems.length === 0;
}
