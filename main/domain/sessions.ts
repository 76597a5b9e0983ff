/**
 * NYSE session hours: regular 09:30–16:00 New York time, 13:00 on early-close days, with the
 * extended sessions brokers offer around them (pre-market from 04:00, after-hours to 20:00; to
 * 17:00 after an early close). Early closes follow the exchange's published pattern:
 * - the day after Thanksgiving;
 * - Christmas Eve when it falls Monday to Thursday (on a Friday it is the observed holiday);
 * - 3 July when it falls Monday to Thursday (when 4 July is a Saturday the 3rd is the holiday and
 *   the 2nd trades a full day, as in 2015, 2020 and 2026).
 */
import { formatDate, isTradingDay, newYorkTime, parseDate } from './calendar';

const DAY_MS = 86_400_000;
export const REGULAR_OPEN_MIN = 9 * 60 + 30;
export const REGULAR_CLOSE_MIN = 16 * 60;
export const EARLY_CLOSE_MIN = 13 * 60;
export const PRE_MARKET_OPEN_MIN = 4 * 60;
export const AFTER_HOURS_CLOSE_MIN = 20 * 60;
export const EARLY_AFTER_HOURS_CLOSE_MIN = 17 * 60;

export interface Session {
  /** New York date, YYYY-MM-DD. */
  date: string;
  earlyClose: boolean;
  /** Epoch ms UTC. */
  preOpen: number;
  open: number;
  close: number;
  postClose: number;
}

export type Phase = 'pre' | 'regular' | 'post' | 'closed';

function weekday(date: string): number {
  return new Date(parseDate(date)).getUTCDay();
}

/** True on the trading days that close at 13:00. */
export function isEarlyClose(date: string): boolean {
  if (!isTradingDay(date)) return false;
  const month = date.slice(5, 7);
  const day = Number(date.slice(8, 10));
  const wd = weekday(date);
  if (month === '07' && day === 3) return wd >= 1 && wd <= 4;
  if (month === '12' && day === 24) return wd >= 1 && wd <= 4;
  if (month === '11' && wd === 5 && day >= 23 && day <= 29) {
    // The Friday after the fourth Thursday: Thanksgiving falls on the 22nd to the 28th.
    return !isTradingDay(formatDate(parseDate(date) - DAY_MS));
  }
  return false;
}

/** Minutes of regular trading on a day: 390, 210 on an early close, 0 when the market is shut. */
export function regularMinutes(date: string): number {
  if (!isTradingDay(date)) return 0;
  return (isEarlyClose(date) ? EARLY_CLOSE_MIN : REGULAR_CLOSE_MIN) - REGULAR_OPEN_MIN;
}

/** The session of a date, or null when the exchange is closed all day. */
export function sessionOn(date: string): Session | null {
  if (!isTradingDay(date)) return null;
  const earlyClose = isEarlyClose(date);
  return {
    date,
    earlyClose,
    preOpen: newYorkTime(date, PRE_MARKET_OPEN_MIN),
    open: newYorkTime(date, REGULAR_OPEN_MIN),
    close: newYorkTime(date, earlyClose ? EARLY_CLOSE_MIN : REGULAR_CLOSE_MIN),
    postClose: newYorkTime(date, earlyClose ? EARLY_AFTER_HOURS_CLOSE_MIN : AFTER_HOURS_CLOSE_MIN),
  };
}

/** The New York date of an instant (its session date, whether or not the market opens). */
export function newYorkDate(instant: number): string {
  // The offset depends on the date; −5 h then −4 h gives the right date except in the hour
  // around the switch at 02:00 local, where both agree anyway.
  const guess = formatDate(Math.floor((instant - 5 * 3_600_000) / DAY_MS) * DAY_MS);
  const start = newYorkTime(guess, 0);
  if (instant < start) return formatDate(parseDate(guess) - DAY_MS);
  if (instant >= newYorkTime(formatDate(parseDate(guess) + DAY_MS), 0))
    return formatDate(parseDate(guess) + DAY_MS);
  return guess;
}

/** Where an instant falls: pre-market, regular session, after-hours or closed. */
export function phaseAt(instant: number): { phase: Phase; session: Session | null } {
  const session = sessionOn(newYorkDate(instant));
  if (!session || instant < session.preOpen || instant >= session.postClose)
    return { phase: 'closed', session };
  if (instant < session.open) return { phase: 'pre', session };
  if (instant < session.close) return { phase: 'regular', session };
  return { phase: 'post', session };
}

/** The first trading date strictly after `date`. */
export function nextTradingDay(date: string): string {
  let t = parseDate(date) + DAY_MS;
  while (!isTradingDay(formatDate(t))) t += DAY_MS;
  return formatDate(t);
}

/** The last trading date strictly before `date`. */
export function previousTradingDay(date: string): string {
  let t = parseDate(date) - DAY_MS;
  while (!isTradingDay(formatDate(t))) t -= DAY_MS;
  return formatDate(t);
}

/** The next regular open at or after an instant (the current session's if it has not opened yet). */
export function nextOpen(instant: number): number {
  const today = sessionOn(newYorkDate(instant));
  if (today && instant <= today.open) return today.open;
  return sessionOn(nextTradingDay(newYorkDate(instant)))!.open;
}
