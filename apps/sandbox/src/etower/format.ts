// eTower prints timestamps as `yyyy-MM-dd HH:mm:ss` without a zone; the sandbox uses UTC.
export function etowerTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function yymmdd(ms: number): string {
  return new Date(ms).toISOString().slice(2, 10).replace(/-/g, '');
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** eTower's envelope quirk: empty values are "" whatever the declared type. */
export const orBlank = <T>(v: T | null | undefined): T | '' => (v === null || v === undefined ? '' : v);
