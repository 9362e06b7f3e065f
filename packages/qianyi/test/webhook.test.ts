import {
  buildPushCall,
  buildSignedCall,
  computeSign,
  isDeliveredReply,
  parsePushContent,
  verifySign,
} from '../src/index';

const ACCESS_ID = 'QIANYI';
const SECRET = 's3cr3t';

describe('buildSignedCall', () => {
  it('sends content as a JSON string signed fastjson-style, verifiable by the inbound verifier', () => {
    const call = buildSignedCall({
      accessId: ACCESS_ID,
      method: 'pushOrderInfo',
      content: { orderNumber: 'DA1', remark: '仓库 \u2028 "x"' },
      secretKey: SECRET,
    });
    const body = JSON.parse(call.body);
    expect(Object.keys(body)).toEqual(['accessId', 'method', 'content', 'sign']);
    expect(body.content).toBe(call.content);
    expect(call.content).toBe(JSON.stringify({ orderNumber: 'DA1', remark: '仓库 \u2028 "x"' }));
    expect(body.sign).toBe(computeSign(ACCESS_ID, call.content, SECRET, 'fastjson'));
    expect(body.sign).not.toBe(computeSign(ACCESS_ID, call.content, SECRET, 'json-stringify'));
    expect(verifySign({ accessId: ACCESS_ID, content: body.content, sign: body.sign, secretKey: SECRET })).toEqual({
      ok: true,
      candidate: 'fastjson',
    });
  });
});

describe('push content', () => {
  const seedOrderPush =
    '{"orderNumber":"DA250117100074","onlineOrderId":"","warehouseCode":"XY002","carrier":"","trackNumber":"333","warehouseOrderNumber":"","wmsStatus":"error","status":"FAILED","skuList":{"sku":"60000-test02","quantity":4},"errorMsg":"仓库接收失败"}';
  const seedAsnPush =
    '{"customerCode":null,"asnNumber":"A241022159999","warehouseCode":"Test-bin","wmsStatus":"RECEIVING","referenceNumber":"A241022159999","finishTime":null,"updateTime":1744098883894,"skuList":{"sku":"V-012B-R","name":"V-012B-R","estimatedQuantity":121,"receivedQuantity":2,"goodQuantity":2,"badQuantity":0},"batchNo":"222222-1"}';

  it('reads the seed examples, tolerating a lone skuList object', () => {
    expect(parsePushContent('pushOrderInfo', seedOrderPush)).toEqual({
      ok: true,
      value: {
        orderNumber: 'DA250117100074',
        warehouseCode: 'XY002',
        trackNumber: '333',
        wmsStatus: 'error',
        status: 'FAILED',
        skuList: [{ sku: '60000-test02', quantity: 4 }],
        errorMsg: '仓库接收失败',
      },
    });
    const asn = parsePushContent('pushAsnInfo', seedAsnPush);
    expect(asn.ok && asn.value.skuList).toEqual([
      {
        sku: 'V-012B-R',
        name: 'V-012B-R',
        estimatedQuantity: 121,
        receivedQuantity: 2,
        goodQuantity: 2,
        badQuantity: 0,
      },
    ]);
  });

  it('names what is wrong', () => {
    expect(
      parsePushContent('pushOrderInfo', '{"orderNumber":"O","warehouseCode":"W","wmsStatus":"x","status":"DONE"}'),
    ).toEqual({
      ok: false,
      message: 'trackNumber is required; status must be one of SENDING, SUCCESS, CANCEL, FAILED',
    });
    expect(
      parsePushContent(
        'pushOrderInfo',
        '{"orderNumber":"O","warehouseCode":"W","wmsStatus":"x","status":"success","trackNumber":""}',
      ),
    ).toEqual({
      ok: false,
      message: 'trackNumber is required when status is SUCCESS',
    });
    expect(
      parsePushContent('pushAsnInfo', '{"asnNumber":"A","warehouseCode":"W","wmsStatus":"NEW","skuList":[]}'),
    ).toEqual({
      ok: false,
      message:
        'wmsStatus must be one of FINISHED, CLOSED, SHIPPING, RECEIVING; updateTime is required; skuList must not be empty',
    });
    expect(parsePushContent('pushAsnInfo', 'nope')).toEqual({ ok: false, message: 'content is not valid JSON' });
  });

  it('buildPushCall normalises skuList to an array before signing, and refuses an invalid push', () => {
    const r = buildPushCall({
      accessId: ACCESS_ID,
      secretKey: SECRET,
      method: 'pushOrderInfo',
      content: {
        orderNumber: 'O',
        warehouseCode: 'W',
        wmsStatus: 'Shipped',
        status: 'SUCCESS',
        trackNumber: '1Z',
        skuList: { sku: 'S', quantity: '2' },
      },
    });
    if (!r.ok) throw new Error(r.message);
    expect(JSON.parse(r.call.content).skuList).toEqual([{ sku: 'S', quantity: 2 }]);
    expect(
      buildPushCall({
        accessId: ACCESS_ID,
        secretKey: SECRET,
        method: 'pushAsnInfo',
        content: { asnNumber: 'A' } as never,
      }).ok,
    ).toBe(false);
  });
});

describe('isDeliveredReply', () => {
  it.each([
    [200, '{"success":true,"errorMsg":""}'],
    [200, '{"success":"true"}'],
    [201, '{"success":" TRUE "}'],
    [204, '{"success":"True","result":null}'],
  ])('%d %s -> delivered', (status, body) => {
    expect(isDeliveredReply(status, body)).toEqual({ delivered: true });
  });

  it.each([
    [503, '<html>Service Unavailable</html>', 'HTTP 503: <html>Service Unavailable</html>'],
    [500, '{"success":true}', 'HTTP 500: {"success":true}'],
    [302, '', 'HTTP 302: (empty body)'],
    [200, 'OK', 'HTTP 200 but the body is not JSON: OK'],
    [200, '', 'HTTP 200 but the body is not JSON: (empty body)'],
    [200, '[true]', 'HTTP 200 but the body is not a JSON object: [true]'],
    [200, '{"success":false,"errorMsg":"订单不存在"}', 'HTTP 200 with success=false: 订单不存在'],
    [200, '{"success":"false","message":"bad sign"}', 'HTTP 200 with success="false": bad sign'],
    [200, '{"errorMsg":""}', 'HTTP 200 with success=missing'],
    [200, '{"success":1}', 'HTTP 200 with success=1'],
  ])('%d %s -> not delivered', (status, body, reason) => {
    expect(isDeliveredReply(status, body)).toEqual({ delivered: false, reason });
  });
});
