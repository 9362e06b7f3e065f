import { DEFAULT_ETOWER_TIME_ZONE } from '@bridge/config';

// eTower prints timestamps as `yyyy-MM-dd HH:mm:ss` without a zone (reference §2.1). Which zone they are in is a
// per-tenant setting (tenant.etower.timeZone, validated and normalised by @bridge/config); this reads them in it.

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const FIXED_OFFSET = /^([+-])(\d{2}):(\d{2})$/;
/** Years outside this range are a garbled field, not a shipping date: read as absent rather than stored. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2200;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** How far the zone's wall clock is ahead of UTC at this instant (ms). */
function offsetAt(zone: string, instant: number): number {
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60000;
  const p = Object.fromEntries(
    formatIn(zone)
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * An eTower timestamp as epoch ms. A zone-less `yyyy-MM-dd[ HH:mm[:ss]]` is read in `zone`; a text that carries
 * its own zone (ISO with `Z` or an offset) is read as it says. Blank, malformed or impossible dates (month 13,
 * 31 February) give undefined: the caller keeps what it had rather than storing a wrong time.
 *
 * A wall time that a daylight-saving change skips or repeats is read with the offset in force just before the
 * change (the earlier of a repeated hour), which is as good as a zone-less text allows.
 */
export function parseEtowerTime(
  text: string | null | undefined,
  zone: string = DEFAULT_ETOWER_TIME_ZONE,
): number | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) && t.includes('T')) {
    const ms = Date.parse(t);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const m = WALL_TIME.exec(t);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, frac] = [
    m[1],
    m[2],
    m[3],
    m[4] ?? '0',
    m[5] ?? '0',
    m[6] ?? '0',
    (m[7] ?? '0').padEnd(3, '0'),
  ].map(Number) as number[];
  if (y! < MIN_YEAR || y! > MAX_YEAR) return undefined;
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, frac!);
  // Date.UTC rolls over (month 13 -> next January): only a wall time that reads back unchanged is a real date.
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== mo! - 1 ||
    check.getUTCDate() !== d! ||
    check.getUTCHours() !== h! ||
    check.getUTCMinutes() !== mi! ||
    check.getUTCSeconds() !== s!
  )
    return undefined;
  return wallToInstant(wall, zone);
}

const DAY_MS = 86400000;

/**
 * The instant a wall-clock time (given as if it were UTC) names in `zone`. Zones change offset at most once
 * within a day either side, so the offsets a day before and a day after are the only candidates; one that reads
 * back as itself is right, the earlier of two is the first of a repeated hour, and none means a skipped hour.
 */
function wallToInstant(wall: number, zone: string): number {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const valid = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((instant) => instant + offsetAt(zone, instant) === wall);
  return valid.length ? Math.min(...valid) : wall - before;
}
