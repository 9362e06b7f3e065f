import type { Answer } from './bridge';

const clip = (text: string, max = 240) => (text.length > max ? `${text.slice(0, max)}…` : text);
const list = (items: string[], max = 4) =>
  `${items.slice(0, max).join(', ')}${items.length > max ? `, … (${items.length - max} more)` : ''}`;

/** One short line for an answer: what came back, not the whole body (an inventory page is 50 rows). */
export function summarize(method: string, { status, body }: Answer): string {
  const head = `HTTP ${status} success ${body.success}`;
  // The per-document results repeat the message's reasons, so the message is shown only when there are none.
  const detail = describe(method, body) || clip(String(body.message ?? ''));
  return detail ? `${head} · ${detail}` : head;
}

function describe(method: string, body: Record<string, any>): string {
  if (Array.isArray(body.warehouseList))
    return `${body.warehouseList.length} warehouse(s): ${list(body.warehouseList.map((w: any) => w.warehouseCode))}`;
  if (Array.isArray(body.channelList))
    return `${body.channelList.length} channel(s): ${list(
      body.channelList.map((c: any) => `${c.channelCode}@${c.warehouseCode}`),
      3,
    )}`;
  if (method === 'syncInventory' && Array.isArray(body.data)) {
    const first = body.data[0];
    return `page ${body.currentPage} of ${body.pageCount}, ${body.data.length} row(s)${first ? `, first ${first.warehouseSku} sellable ${first.sellableQuantity} of ${first.totalQuantity}` : ''}`;
  }
  if (Array.isArray(body.asnList)) {
    return body.asnList
      .map(
        (a: any) =>
          `${a.asnNumber} ${a.wmsStatus}, received ${a.skuList?.map((s: any) => `${s.sku} ${s.receivedQuantity}/${s.estimatedQuantity}`).join(', ')}`,
      )
      .join('; ');
  }
  if (Array.isArray(body.results))
    return clip(
      body.results.map((r: any) => `${Object.values(r)[0]} ${r.operation}${r.info ? ` (${r.info})` : ''}`).join('; '),
    );
  if (body.data && typeof body.data === 'object')
    return Object.entries(body.data)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return '';
}
