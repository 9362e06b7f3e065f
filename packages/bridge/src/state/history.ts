/** One recorded change of a document, as the operator CLI shows it. */
export interface HistoryEntry {
  at: number;
  /** Phase before the change ('' when the record was created by it). */
  from: string;
  /** Phase after it, when the change moved the phase. */
  to?: string;
  version: number;
  note: string;
}

/**
 * Reads one history entry: the compact line the transition script writes (`at, from, to, version, note`, tab
 * separated; the note may itself hold tabs, so it is everything after the fourth), or the JSON object of versions
 * before it (which also carried the whole patch), kept readable until those records expire.
 */
export function decodeHistoryEntry(raw: string): HistoryEntry {
  if (raw.startsWith('{')) {
    const old = JSON.parse(raw) as {
      at?: number;
      from?: string;
      patch?: { phase?: unknown };
      version?: number;
      note?: string;
    };
    return {
      at: Number(old.at ?? 0),
      from: old.from ?? '',
      ...(typeof old.patch?.phase === 'string' ? { to: old.patch.phase } : {}),
      version: Number(old.version ?? 0),
      note: old.note ?? '',
    };
  }
  const parts = raw.split('\t');
  const [at = '0', from = '', to = '', version = '0'] = parts;
  return { at: Number(at), from, ...(to ? { to } : {}), version: Number(version), note: parts.slice(4).join('\t') };
}
