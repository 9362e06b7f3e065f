import { normaliseTimeZone } from '@bridge/config';
import { parseEtowerTime } from '../src/etower-time';

const at = (iso: string) => Date.parse(iso);

describe("eTower timestamps read in the tenant's zone", () => {
  test('the default zone is China local time (UTC+8, reference §2.1)', () => {
    expect(parseEtowerTime('2026-11-20 10:00:00')).toBe(at('2026-11-20T02:00:00Z'));
  });
  test.each([
    ['Asia/Shanghai', '2026-11-20T02:00:00Z'],
    ['+00:00', '2026-11-20T10:00:00Z'],
    ['-05:30', '2026-11-20T15:30:00Z'],
    ['Australia/Sydney', '2026-11-19T23:00:00Z'],
    ['Europe/London', '2026-11-20T10:00:00Z'],
  ])('in %s', (zone, expected) => {
    expect(parseEtowerTime('2026-11-20 10:00:00', normaliseTimeZone(zone)!)).toBe(at(expected));
  });
  test('daylight saving is followed by zone names', () => {
    expect(parseEtowerTime('2026-07-01 12:00:00', 'Europe/London')).toBe(at('2026-07-01T11:00:00Z'));
    expect(parseEtowerTime('2026-07-01 12:00:00', 'America/New_York')).toBe(at('2026-07-01T16:00:00Z'));
  });
  test('a repeated hour reads as its first occurrence; a skipped one with the offset before the change', () => {
    expect(parseEtowerTime('2026-10-25 01:30:00', 'Europe/London')).toBe(at('2026-10-25T00:30:00Z'));
    expect(parseEtowerTime('2026-11-01 01:30:00', 'America/New_York')).toBe(at('2026-11-01T05:30:00Z'));
    expect(parseEtowerTime('2026-03-29 01:30:00', 'Europe/London')).toBe(at('2026-03-29T01:30:00Z'));
    expect(parseEtowerTime('2026-03-08 02:30:00', 'America/New_York')).toBe(at('2026-03-08T07:30:00Z'));
  });
  test('a date without a time is midnight in the zone; a text with its own zone is read as it says', () => {
    expect(parseEtowerTime('2026-11-20', '+08:00')).toBe(at('2026-11-19T16:00:00Z'));
    expect(parseEtowerTime('2026-11-20T10:00:00Z', '+08:00')).toBe(at('2026-11-20T10:00:00Z'));
    expect(parseEtowerTime('2026-11-20T10:00:00+02:00', '+08:00')).toBe(at('2026-11-20T08:00:00Z'));
  });
  test.each([
    '',
    '   ',
    '2026-02-31 10:00:00',
    '2026-13-01 00:00:00',
    '2026-11-20 24:00:00',
    '1e30',
    'yesterday',
    '9999-01-01 00:00:00',
    '0001-01-01 00:00:00',
    '2026-11-20 10:00:00 junk',
  ])('%j is no time', (text) => {
    expect(parseEtowerTime(text, 'Asia/Shanghai')).toBeUndefined();
  });
});

describe('the tenant setting', () => {
  test.each([
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['asia/shanghai', 'Asia/Shanghai'],
    ['UTC', '+00:00'],
    ['Z', '+00:00'],
    ['+08:00', '+08:00'],
    ['+0800', '+08:00'],
    ['+8', '+08:00'],
    ['-05:30', '-05:30'],
    ['+14:00', '+14:00'],
    ['UTC+8', '+08:00'],
    ['GMT-3', '-03:00'],
    ['Etc/GMT-8', 'Etc/GMT-8'],
  ])('%j is accepted as %j', (value, expected) => {
    expect(normaliseTimeZone(value)).toBe(expected);
  });
  test.each(['Mars/Olympus', '+15:00', '+08:60', '08:00', '', 'Asia/Shanghai; rm -rf', '../../etc/passwd'])(
    '%j is refused',
    (value) => {
      expect(normaliseTimeZone(value)).toBeUndefined();
    },
  );
});
