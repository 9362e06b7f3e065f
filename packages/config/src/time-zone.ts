import { z } from 'zod';

/**
 * The time zone eTower's timestamps are read in. eTower prints `yyyy-MM-dd HH:mm:ss` with no zone, and its
 * documents do not say which; the reference infers the warehouse system's China local time, so that is the
 * default. China keeps no daylight saving, so this is UTC+08:00 all year.
 */
export const DEFAULT_ETOWER_TIME_ZONE = 'Asia/Shanghai';

/**
 * `+08:00`, `-0530`, `+8`, `UTC+8`: a fixed offset from UTC (east positive, as people write it; IANA's inverted
 * `Etc/GMT-8` is a zone name and read by Intl), at most 14 hours (the widest in use, Kiribati).
 */
const OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * An IANA zone name (`Asia/Shanghai`, `Europe/London`: daylight saving followed) or a fixed offset (`+08:00`),
 * normalised: offsets to `+HH:MM` (`UTC`, `GMT` and `Z` to `+00:00`), zone names to their canonical spelling.
 * Returns undefined when the value is neither.
 */
export function normaliseTimeZone(value: string): string | undefined {
  const v = value.trim();
  if (/^(utc|gmt|z)$/i.test(v)) return '+00:00';
  const offset = OFFSET.exec(v);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
    return `${offset[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  }
  // Intl knows every zone of the tz database the runtime ships (Node: full ICU) and refuses the rest.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(v)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const timeZoneSchema = z.string().transform((value, ctx) => {
  const zone = normaliseTimeZone(value);
  if (zone === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be an IANA time zone (e.g. "Asia/Shanghai") or a UTC offset (e.g. "+08:00"), got ${JSON.stringify(value.slice(0, 64))}`,
    });
    return z.NEVER;
  }
  return zone;
});
