/** A retention as people say it: `30 days`, `12 hours`, `90 seconds`. */
function describeRetention(ms: number): string {
  const units: Array<[number, string]> = [
    [86400000, 'day'],
    [3600000, 'hour'],
    [60000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}

/**
 * What Qianyi is told about a document the bridge holds no record of. A finished document leaves Redis after the
 * retention (retention/sweep-expired.ts) and no trace of it is kept (a year of tombstones is what the retention
 * exists to avoid), so "never received" and "no longer kept" cannot be told apart: the answer says both.
 */
export function notKeptMessage(kind: 'order' | 'ASN', id: string, retentionMs: number): string {
  return `${kind} ${id} is not known to this bridge: it was never received, or it finished more than ${describeRetention(retentionMs)} ago and is no longer kept (DOCUMENT_RETENTION_MS)`;
}
