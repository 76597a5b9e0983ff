/**
 * NYSE session calendar: weekdays minus the exchange's full-day holidays, and New York local
 * time to UTC (US daylight saving: second Sunday of March to first Sunday of November).
 * One-off closures are listed by date (they follow no rule). Session hours and early closes are in
 * sessions.ts; the demo book, the simulated market and market-hours checks share both.
 */
const DAY_MS = 86_400_000;

export function parseDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}
export function formatDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const offset = (weekday - new Date(first).getUTCDay() + 7) % 7;
  return first + (offset + (n - 1) * 7) * DAY_MS;
}
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = Date.UTC(year, month + 1, 0);
  const offset = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - offset * DAY_MS;
}
/** Saturday holidays are observed on Friday, Sunday ones on Monday. */
function observed(t: number): number {
  const wd = new Date(t).getUTCDay();
  return wd === 6 ? t - DAY_MS : wd === 0 ? t + DAY_MS : t;
}
function easterSunday(year: number): number {
  // Anonymous Gregorian algorithm.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

const holidayCache = new Map<number, Set<number>>();
export function nyseHolidays(year: number): Set<number> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = [
    observed(Date.UTC(year, 0, 1)),
    nthWeekday(year, 0, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 1, 1, 3), // Washington's Birthday
    easterSunday(year) - 2 * DAY_MS, // Good Friday
    lastWeekday(year, 4, 1), // Memorial Day
    ...(year >= 2022 ? [observed(Date.UTC(year, 5, 19))] : []), // Juneteenth
    observed(Date.UTC(year, 6, 4)),
    nthWeekday(year, 8, 1, 1), // Labor Day
    nthWeekday(year, 10, 4, 4), // Thanksgiving
    observed(Date.UTC(year, 11, 25)),
  ];
  const set = new Set(days);
  holidayCache.set(year, set);
  return set;
}

/** Unscheduled full-day closures since 2000: national days of mourning, 9/11, Hurricane Sandy. */
export const ONE_OFF_CLOSURES: ReadonlySet<string> = new Set([
  '2001-09-11',
  '2001-09-12',
  '2001-09-13',
  '2001-09-14', // September 11 attacks
  '2004-06-11', // President Reagan
  '2007-01-02', // President Ford
  '2012-10-29',
  '2012-10-30', // Hurricane Sandy
  '2018-12-05', // President G. H. W. Bush
  '2025-01-09', // President Carter
]);

export function isTradingDay(date: string): boolean {
  if (ONE_OFF_CLOSURES.has(date)) return false;
  const t = parseDate(date);
  const wd = new Date(t).getUTCDay();
  return wd !== 0 && wd !== 6 && !nyseHolidays(new Date(t).getUTCFullYear()).has(t);
}

/** Trading days in [from, to], both inclusive, as YYYY-MM-DD. */
export function tradingDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = parseDate(from); t <= parseDate(to); t += DAY_MS) {
    const d = formatDate(t);
    if (isTradingDay(d)) out.push(d);
  }
  return out;
}

/** The UTC offset of New York on a date: −4 h in daylight saving time, −5 h otherwise. */
export function newYorkOffsetHours(date: string): number {
  const t = parseDate(date);
  const year = new Date(t).getUTCFullYear();
  const dstStart = nthWeekday(year, 2, 0, 2);
  const dstEnd = nthWeekday(year, 10, 0, 1);
  return t >= dstStart && t < dstEnd ? -4 : -5;
}

/**
 * Epoch ms of a New York wall-clock time (minutes after midnight) on a date. Clocks change at
 * 02:00 local: earlier on the day of a change, the day before's offset is still in force (on
 * the November day the repeated hour 01:00–02:00 is taken in daylight time, its first pass).
 */
export function newYorkTime(date: string, minutes: number): number {
  const day = parseDate(date);
  const offset = newYorkOffsetHours(minutes < 120 ? formatDate(day - 86_400_000) : date);
  return day + (minutes - offset * 60) * 60_000;
}

export const SESSION_OPEN_MIN = 9 * 60 + 30;
