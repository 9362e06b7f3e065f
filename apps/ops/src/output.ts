/** Exit codes of every command: 0 done, 1 not found or failed, 2 wrong usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface Printer {
  json: boolean;
  /** Prints the machine form with --json, the human form otherwise. */
  result(data: unknown, human: () => string): void;
}

/** @param write the call's stdout (runOps' io.stdout), so an in-process caller gets the answer, not the terminal */
export function createPrinter(json: boolean, write: (text: string) => void): Printer {
  return {
    json,
    result(data, human) {
      write(json ? `${JSON.stringify(isoTimes(data), null, 2)}\n` : `${human()}\n`);
    },
  };
}

export function formatTime(ms: number | undefined | null): string {
  return ms ? new Date(ms).toISOString() : '-';
}

// The bridge stores times as epoch milliseconds under names like these (state records, their history, BullMQ jobs).
const TIME_KEY = /^(at|eta|timestamp)$|(At|On|Time|Since|Date)$/;
// 1973 to 5138: a count or a quantity that happens to sit under a time-like name is left alone. History patches
// hold their values as strings (state/lua.ts), hence the digit strings.
const epochMs = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{12,13}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 1e11 && n < 1e14 ? n : undefined;
};

/** A copy with every epoch-millisecond time (by its field name) as an ISO date, for people and for --json alike. */
export function isoTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(isoTimes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const ms = TIME_KEY.test(k) ? epochMs(v) : undefined;
      return [k, ms === undefined ? isoTimes(v) : new Date(ms).toISOString()];
    }),
  );
}

/** A plain text table: columns padded to their widest cell. */
export function table(headers: string[], rows: Array<Array<string | number | undefined>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '-' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Key/value lines for a record, nested values as compact JSON. */
export function fields(record: Record<string, unknown>, indent = '  '): string {
  const width = Math.max(0, ...Object.keys(record).map((k) => k.length));
  return Object.entries(isoTimes(record) as Record<string, unknown>)
    .map(
      ([k, v]) => `${indent}${k.padEnd(width)}  ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`,
    )
    .join('\n');
}
