// A small HTML view of the fake Qianyi endpoint, newest first, so a person running `pnpm start`
// can see which pushes arrived and which were refused (and why).
import type { PushStore, ReceivedPush, RejectedPush } from './store';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const keyOf = (p: ReceivedPush) => (p.kind === 'order' ? p.content.orderNumber : p.content.asnNumber);
const statusOf = (p: ReceivedPush) =>
  p.kind === 'order' ? `${p.content.status} (${p.content.wmsStatus})` : p.content.wmsStatus;

function pushRow(p: ReceivedPush): string {
  const cells = [String(p.seq), p.receivedAt, p.kind, p.type, p.accessId, keyOf(p), statusOf(p), p.signCandidate];
  return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}<td><pre>${escapeHtml(JSON.stringify(p.content, null, 1))}</pre></td></tr>`;
}

function rejectedRow(r: RejectedPush): string {
  const cells = [String(r.seq), r.receivedAt, r.kind, r.type, r.accessId ?? '', String(r.httpStatus), r.reason];
  return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
}

export function renderPushesPage(store: PushStore): string {
  const pushes = [...store.pushes].reverse().map(pushRow).join('');
  const rejected = [...store.rejected].reverse().map(rejectedRow).join('');
  const fault = store.currentFault();
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Qianyi sandbox: received pushes</title>
<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:13px}pre{margin:0;max-height:12em;overflow:auto}</style>
</head><body>
<h1>Qianyi sandbox: received pushes</h1>
<p>Active fault: ${fault ? escapeHtml(JSON.stringify(fault)) : 'none'}. JSON: <a href="pushes">pushes</a>, <a href="rejected">rejected</a>.</p>
<h2>Accepted (${store.pushes.length})</h2>
<table><tr><th>#</th><th>received</th><th>kind</th><th>type</th><th>accessId</th><th>document</th><th>status</th><th>sign</th><th>content</th></tr>${pushes}</table>
<h2>Refused (${store.rejected.length})</h2>
<table><tr><th>#</th><th>received</th><th>kind</th><th>type</th><th>accessId</th><th>HTTP</th><th>reason</th></tr>${rejected}</table>
</body></html>`;
}
