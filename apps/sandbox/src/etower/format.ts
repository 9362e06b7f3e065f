/**
 * eTower prints timestamps as `yyyy-MM-dd HH:mm:ss` without a zone. The sandbox prints China time (UTC+8, no
 * daylight saving), the zone the bridge assumes by default (a tenant's `etower.timeZone`), so the times the
 * bridge reads back are the instants the sandbox meant.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
export function etowerTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

export function yymmdd(ms: number): string {
  return new Date(ms).toISOString().slice(2, 10).replace(/-/g, '');
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
