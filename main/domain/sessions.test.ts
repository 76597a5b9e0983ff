import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newYorkTime, parseDate, tradingDays } from './calendar';
import {
  isEarlyClose,
  newYorkDate,
  nextOpen,
  nextTradingDay,
  phaseAt,
  previousTradingDay,
  regularMinutes,
  sessionOn,
} from './sessions';

describe('early closes (13:00 New York)', () => {
  // The exchange's published early closes, 2019–2026.
  const published = [
    '2019-07-03',
    '2019-11-29',
    '2019-12-24',
    '2020-11-27',
    '2020-12-24',
    '2021-11-26',
    '2022-11-25',
    '2023-07-03',
    '2023-11-24',
    '2024-07-03',
    '2024-11-29',
    '2024-12-24',
    '2025-07-03',
    '2025-11-28',
    '2025-12-24',
    '2026-11-27',
    '2026-12-24',
  ];

  it('are exactly the published ones', () => {
    const found = tradingDays('2019-01-01', '2026-12-31').filter(isEarlyClose);
    expect(found).toEqual(published);
  });

  it('never fall on a day the market is shut (Christmas Eve 2021 was the observed holiday)', () => {
    expect(isEarlyClose('2021-12-24')).toBe(false);
    expect(isEarlyClose('2026-07-03')).toBe(false);
    expect(isEarlyClose('2026-07-02')).toBe(false); // 4 July on a Saturday: the 2nd is a full day
    expect(isEarlyClose('2023-12-24')).toBe(false); // a Sunday
  });
});

describe('sessions', () => {
  it('run 09:30–16:00 with extended hours 04:00–20:00, in summer and winter time', () => {
    const summer = sessionOn('2026-06-15')!;
    expect(new Date(summer.open).toISOString()).toBe('2026-06-15T13:30:00.000Z');
    expect(new Date(summer.close).toISOString()).toBe('2026-06-15T20:00:00.000Z');
    expect(new Date(summer.preOpen).toISOString()).toBe('2026-06-15T08:00:00.000Z');
    expect(new Date(summer.postClose).toISOString()).toBe('2026-06-16T00:00:00.000Z');
    const winter = sessionOn('2026-01-15')!;
    expect(new Date(winter.open).toISOString()).toBe('2026-01-15T14:30:00.000Z');
    expect(regularMinutes('2026-01-15')).toBe(390);
  });

  it('close at 13:00 on an early close, with after-hours to 17:00', () => {
    const s = sessionOn('2026-11-27')!;
    expect(s.earlyClose).toBe(true);
    expect(new Date(s.close).toISOString()).toBe('2026-11-27T18:00:00.000Z');
    expect(new Date(s.postClose).toISOString()).toBe('2026-11-27T22:00:00.000Z');
    expect(regularMinutes('2026-11-27')).toBe(210);
  });

  it('do not exist on holidays and weekends', () => {
    expect(sessionOn('2026-11-26')).toBeNull();
    expect(sessionOn('2026-11-22')).toBeNull();
    expect(regularMinutes('2026-11-26')).toBe(0);
  });
});

describe('phaseAt', () => {
  const at = (date: string, minutes: number) => phaseAt(newYorkTime(date, minutes)).phase;

  it('names each part of the day, boundaries included', () => {
    expect(at('2026-11-23', 3 * 60 + 59)).toBe('closed');
    expect(at('2026-11-23', 4 * 60)).toBe('pre');
    expect(at('2026-11-23', 9 * 60 + 29)).toBe('pre');
    expect(at('2026-11-23', 9 * 60 + 30)).toBe('regular');
    expect(at('2026-11-23', 15 * 60 + 59)).toBe('regular');
    expect(at('2026-11-23', 16 * 60)).toBe('post');
    expect(at('2026-11-23', 19 * 60 + 59)).toBe('post');
    expect(at('2026-11-23', 20 * 60)).toBe('closed');
    expect(at('2026-11-27', 13 * 60)).toBe('post');
    expect(at('2026-11-27', 17 * 60)).toBe('closed');
    expect(at('2026-11-26', 12 * 60)).toBe('closed');
  });
});

describe('newYorkDate', () => {
  it('is the local date either side of midnight, in both offsets', () => {
    expect(newYorkDate(Date.parse('2026-06-16T03:59:59Z'))).toBe('2026-06-15');
    expect(newYorkDate(Date.parse('2026-06-16T04:00:00Z'))).toBe('2026-06-16');
    expect(newYorkDate(Date.parse('2026-01-16T04:59:59Z'))).toBe('2026-01-15');
    expect(newYorkDate(Date.parse('2026-01-16T05:00:00Z'))).toBe('2026-01-16');
  });

  it('agrees with the platform time zone database at every instant', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2019-01-01'), max: Date.parse('2027-12-31') }), (t) => {
        expect(newYorkDate(t)).toBe(fmt.format(t));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('trading-day steps and the next open', () => {
  it('skip weekends and holidays', () => {
    expect(nextTradingDay('2026-11-25')).toBe('2026-11-27');
    expect(previousTradingDay('2026-11-27')).toBe('2026-11-25');
    expect(nextTradingDay('2026-11-20')).toBe('2026-11-23');
  });

  it('is today’s open before it, else the next session’s', () => {
    expect(nextOpen(newYorkTime('2026-11-23', 8 * 60))).toBe(newYorkTime('2026-11-23', 9 * 60 + 30));
    expect(nextOpen(newYorkTime('2026-11-23', 9 * 60 + 30))).toBe(newYorkTime('2026-11-23', 9 * 60 + 30));
    expect(nextOpen(newYorkTime('2026-11-23', 10 * 60))).toBe(newYorkTime('2026-11-24', 9 * 60 + 30));
    expect(nextOpen(newYorkTime('2026-11-25', 17 * 60))).toBe(newYorkTime('2026-11-27', 9 * 60 + 30));
    expect(nextOpen(parseDate('2026-11-22'))).toBe(newYorkTime('2026-11-23', 9 * 60 + 30));
  });
});

describe('the days New York changes its clocks', () => {
  it('dates the hours before 02:00 local by the offset still in force', () => {
    // 8 March 2025 → 9 March: EST (−5) until 02:00, then EDT (−4).
    expect(newYorkTime('2025-03-09', 0)).toBe(Date.UTC(2025, 2, 9, 5));
    expect(newYorkTime('2025-03-09', 180)).toBe(Date.UTC(2025, 2, 9, 7)); // 03:00 EDT
    expect(newYorkDate(Date.UTC(2025, 2, 9, 4, 59))).toBe('2025-03-08');
    expect(newYorkDate(Date.UTC(2025, 2, 9, 5))).toBe('2025-03-09');
    // 1 November 2020: EDT (−4) until 02:00, then EST (−5).
    expect(newYorkTime('2020-11-01', 0)).toBe(Date.UTC(2020, 10, 1, 4));
    expect(newYorkTime('2020-11-01', 180)).toBe(Date.UTC(2020, 10, 1, 8)); // 03:00 EST
    expect(newYorkDate(Date.UTC(2020, 10, 1, 3, 59))).toBe('2020-10-31');
    expect(newYorkDate(Date.UTC(2020, 10, 1, 4))).toBe('2020-11-01');
    expect(newYorkDate(Date.UTC(2020, 10, 2, 4, 59))).toBe('2020-11-01');
    expect(newYorkDate(Date.UTC(2020, 10, 2, 5))).toBe('2020-11-02');
  });
});
