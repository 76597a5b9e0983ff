import { describe, expect, it } from 'vitest';
import { isTradingDay, newYorkTime, tradingDays } from './calendar';

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
