import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ONE_OFF_CLOSURES,
  formatDate,
  isTradingDay,
  newYorkOffsetHours,
  newYorkTime,
  nyseHolidays,
  parseDate,
  SESSION_OPEN_MIN,
  tradingDays,
} from './calendar';

describe('NYSE calendar', () => {
  it('knows the 2025 and 2026 full-day holidays', () => {
    // Published NYSE holiday lists.
    const y2025 = [
      '2025-01-01',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ];
    const y2026 = [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ];
    for (const d of [...y2025, ...y2026]) expect(isTradingDay(d), d).toBe(false);
    expect(isTradingDay('2026-07-02')).toBe(true);
    expect(isTradingDay('2026-11-21')).toBe(false); // Saturday
  });

  it('counts the sessions of regular years', () => {
    expect(tradingDays('2024-01-01', '2024-12-31')).toHaveLength(252);
    expect(tradingDays('2026-01-01', '2026-12-31')).toHaveLength(251);
    // 2025 had 250: the rules give 251, less the one-off closure for President Carter (2025-01-09).
    expect(tradingDays('2025-01-01', '2025-12-31')).toHaveLength(250);
    expect(isTradingDay('2025-01-09')).toBe(false);
    expect(tradingDays('2012-10-26', '2012-11-01')).toEqual(['2012-10-26', '2012-10-31', '2012-11-01']);
  });

  it('converts the New York open to UTC across daylight saving', () => {
    expect(new Date(newYorkTime('2026-01-05', 570)).toISOString()).toBe('2026-01-05T14:30:00.000Z');
    expect(new Date(newYorkTime('2026-07-06', 570)).toISOString()).toBe('2026-07-06T13:30:00.000Z');
    expect(new Date(newYorkTime('2026-03-09', 570)).toISOString()).toBe('2026-03-09T13:30:00.000Z');
    expect(new Date(newYorkTime('2026-11-02', 570)).toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });
});

describe('NYSE calendar (properties)', () => {
  const dateIn = (from: number, to: number) =>
    fc
      .integer({ min: Date.UTC(from, 0, 1) / DAY, max: Date.UTC(to, 11, 31) / DAY })
      .map((d) => formatDate(d * DAY));
  const DAY = 86_400_000;

  it('knows New York’s UTC offset on every date, as the time-zone database does', () => {
    const offset = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      timeZoneName: 'shortOffset',
    });
    fc.assert(
      fc.property(dateIn(2007, 2040), (date) => {
        // Noon UTC is morning in New York: after any 2 a.m. switch of that date.
        const name = offset
          .formatToParts(new Date(`${date}T12:00:00Z`))
          .find((p) => p.type === 'timeZoneName')!.value;
        expect(newYorkOffsetHours(date)).toBe(Number(name.replace('GMT', '')));
      }),
      { numRuns: 2_000 },
    );
  });

  it('puts the open at 9:30 New York time on every date', () => {
    const clock = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(dateIn(2007, 2040), (date) => {
        expect(clock.format(new Date(newYorkTime(date, SESSION_OPEN_MIN)))).toBe('09:30');
        expect(clock.format(new Date(newYorkTime(date, 16 * 60)))).toBe('16:00');
      }),
      { numRuns: 500 },
    );
  });

  it('closes on weekends and holidays only, and every holiday falls on a weekday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2060 }), (year) => {
        const holidays = [...nyseHolidays(year)].map(formatDate);
        expect(holidays.length).toBe(year >= 2022 ? 10 : 9);
        for (const h of holidays) {
          const wd = new Date(`${h}T00:00:00Z`).getUTCDay();
          expect(wd, h).not.toBe(0);
          expect(wd, h).not.toBe(6);
        }
        const days = tradingDays(`${year}-01-01`, `${year}-12-31`);
        // Each year has 249–253 sessions before its one-off closures (2001 lost four to 9/11);
        // none on a weekend, a holiday of its own year or a one-off closure.
        const closures = [...ONE_OFF_CLOSURES].filter((d) => d.startsWith(`${year}-`));
        expect(days.length + closures.length).toBeGreaterThanOrEqual(249);
        expect(days.length + closures.length).toBeLessThanOrEqual(253);
        for (const c of closures) expect(days, c).not.toContain(c);
        for (const d of days) {
          const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
          expect(wd === 0 || wd === 6, d).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('lists trading days in order, both ends included, agreeing with isTradingDay', () => {
    fc.assert(
      fc.property(dateIn(2000, 2030), fc.integer({ min: 0, max: 40 }), (from, span) => {
        const to = formatDate(parseDate(from) + span * DAY);
        const days = tradingDays(from, to);
        const expected: string[] = [];
        for (let t = parseDate(from); t <= parseDate(to); t += DAY)
          if (isTradingDay(formatDate(t))) expected.push(formatDate(t));
        expect(days).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('follows the observance rules: Saturday holidays on Friday, Sunday ones on Monday, but no Friday close for a Saturday New Year', () => {
    expect(isTradingDay('2021-07-05')).toBe(false); // July 4 2021 was a Sunday
    expect(isTradingDay('2020-07-03')).toBe(false); // July 4 2020 was a Saturday
    expect(isTradingDay('2022-12-26')).toBe(false); // Christmas 2022 was a Sunday
    expect(isTradingDay('2021-12-24')).toBe(false); // Christmas 2021 was a Saturday
    expect(isTradingDay('2021-12-31')).toBe(true); // New Year 2022 (a Saturday) was not observed
    expect(isTradingDay('2022-06-20')).toBe(false); // Juneteenth 2022 (a Sunday), observed Monday
    expect(isTradingDay('2021-06-18')).toBe(true); // before Juneteenth was an exchange holiday
    expect(isTradingDay('2019-04-19')).toBe(false); // Good Friday
    expect(isTradingDay('2024-03-29')).toBe(false); // Good Friday
    expect(isTradingDay('2024-11-28')).toBe(false); // Thanksgiving: fourth Thursday
    expect(isTradingDay('2024-05-27')).toBe(false); // Memorial Day: last Monday of May
    expect(isTradingDay('2012-10-29')).toBe(false); // Hurricane Sandy
    expect(isTradingDay('2018-12-05')).toBe(false); // President G. H. W. Bush
  });
});
