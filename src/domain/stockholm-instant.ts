/**
 * From a Swedish calendar date to the instant it starts. Pure: no clock is read.
 */
import { addLocalDays, stockholmLocal } from './local-time';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;

/**
 * Whether a text is a real calendar date written `YYYY-MM-DD` (no 2026-02-30).
 *
 * @param localDate - the text to check
 * @returns true for an existing date
 */
export function isLocalDate(localDate: string): boolean {
  const m = DATE.exec(localDate);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === localDate;
}

/**
 * The instant Swedish midnight starts a local date (Europe/Stockholm, daylight saving aware).
 * Midnight is never skipped or repeated in Sweden (the clocks change at 02:00/03:00), so the
 * answer is always unique.
 *
 * @param localDate - `YYYY-MM-DD`, a Swedish calendar date
 * @returns the UTC instant of 00:00 Swedish time that day
 */
export function stockholmDayStart(localDate: string): Date {
  if (!isLocalDate(localDate)) throw new RangeError(`not a date: ${localDate}`);
  const midnightAsUtc = Date.parse(`${localDate}T00:00:00Z`);
  let instant = midnightAsUtc - offsetMs(midnightAsUtc);
  // The offset at the guess can differ from the offset at the answer only across a change of
  // clocks between the two; one more step settles it.
  instant = midnightAsUtc - offsetMs(instant);
  return new Date(instant);
}

/**
 * The Swedish calendar date of an instant.
 *
 * @param instant - a point in time
 * @returns `YYYY-MM-DD` in Europe/Stockholm
 */
export function stockholmDate(instant: Date): string {
  return stockholmLocal(instant).slice(0, 10);
}

/**
 * Adds whole days to a calendar date.
 *
 * @param localDate - `YYYY-MM-DD`
 * @param days - days to add (negative to go back)
 * @returns the shifted `YYYY-MM-DD`
 */
export function addDays(localDate: string, days: number): string {
  return addLocalDays(`${localDate}T00:00`, days).slice(0, 10);
}

/** Swedish offset from UTC at an instant (whole minutes), in milliseconds. */
function offsetMs(instantMs: number): number {
  const whole = Math.floor(instantMs / MINUTE_MS) * MINUTE_MS;
  return Date.parse(`${stockholmLocal(new Date(whole))}:00Z`) - whole;
}
