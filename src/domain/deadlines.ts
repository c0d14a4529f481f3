/**
 * Case deadlines in Swedish local time: when a report must be acknowledged and when reminders go out.
 * Pure: every instant is passed in.
 */
import { stockholmLocal } from './local-time';
import { isWorkingDay, nextWorkingDay } from './working-days';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** When acknowledgements are due and reminders are sent. Times are `HH:MM` Swedish wall-clock time. */
export interface DeadlinePolicy {
  /** Reports made on a working day before this time are to be acknowledged the same day. */
  readonly ackCutoff: string;
  /** The time of day an ordinary acknowledgement falls due. */
  readonly workdayEnd: string;
  /** Minutes, at any day and hour, within which a possibly serious report is to be acknowledged. */
  readonly seriousAckMinutes: number;
  /** The local time at which the reminders of a date are sent. */
  readonly reminderTime: string;
}

/** 15:00 cut-off, due 17:00, serious reports within 60 minutes, reminders at 09:00. */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = Object.freeze({
  ackCutoff: '15:00',
  workdayEnd: '17:00',
  seriousAckMinutes: 60,
  reminderTime: '09:00',
});

/**
 * A checked deadline policy: the defaults with the given overrides.
 *
 * @param overrides - fields to change, e.g. from configuration
 * @returns a frozen policy
 * @throws RangeError if a time is not `HH:MM`, the cut-off is after the end of the working day, or the
 *   serious minutes are not a positive whole number
 */
export function deadlinePolicy(overrides: Partial<DeadlinePolicy> = {}): DeadlinePolicy {
  const policy = { ...DEFAULT_DEADLINE_POLICY, ...overrides };
  for (const field of ['ackCutoff', 'workdayEnd', 'reminderTime'] as const) {
    if (!CLOCK_TIME.test(policy[field])) {
      throw new RangeError(`Deadline policy ${field} must be HH:MM, got ${JSON.stringify(policy[field])}`);
    }
  }
  if (policy.ackCutoff > policy.workdayEnd) {
    throw new RangeError(`Deadline policy ackCutoff ${policy.ackCutoff} is after workdayEnd ${policy.workdayEnd}`);
  }
  if (!Number.isSafeInteger(policy.seriousAckMinutes) || policy.seriousAckMinutes <= 0) {
    throw new RangeError(`Deadline policy seriousAckMinutes must be a positive whole number, got ${policy.seriousAckMinutes}`);
  }
  return Object.freeze(policy);
}

/** Minutes east of UTC that Stockholm is at an instant. */
function offsetMinutesAt(epochMs: number): number {
  const wall = Date.parse(`${stockholmLocal(new Date(epochMs))}:00Z`);
  return Math.round((wall - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/**
 * The instant of a Swedish wall-clock time.
 *
 * Around the clock changes it follows the "compatible" rule of JavaScript's Temporal (and of RFC 5545):
 * a time that occurs twice (02:00–02:59 on the last Sunday of October) is the earlier, summer-time
 * instant; a time that never occurs (02:00–02:59 on the last Sunday of March) is read with the offset
 * in force before the gap, i.e. moved forward by the gap, so 02:30 becomes 03:30 summer time.
 *
 * @param localDate - `YYYY-MM-DD`
 * @param time - `HH:MM`, 00:00–23:59
 * @returns the instant, with zero seconds
 * @throws RangeError if the date or time is malformed
 */
export function stockholmInstant(localDate: string, time: string): Date {
  if (!LOCAL_DATE.test(localDate) || !CLOCK_TIME.test(time)) {
    throw new RangeError(`Not a local date and time: ${JSON.stringify(localDate)} ${JSON.stringify(time)}`);
  }
  const wall = Date.parse(`${localDate}T${time}:00Z`);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== localDate) {
    throw new RangeError(`Not a calendar date: ${JSON.stringify(localDate)}`);
  }
  // The offsets a day either side bracket any clock change near this wall time.
  const before = offsetMinutesAt(wall - DAY_MS);
  const after = offsetMinutesAt(wall + DAY_MS);
  const target = `${localDate}T${time}`;
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => stockholmLocal(new Date(instant)) === target)
    .sort((a, b) => a - b);
  return new Date(candidates.length > 0 ? candidates[0] : wall - before * MINUTE_MS);
}

/**
 * When a report must be acknowledged.
 *
 * A possibly serious report: `seriousAckMinutes` after it was made, whatever the day or hour.
 * Otherwise the same working day: made on a working day strictly before `ackCutoff` (Swedish time,
 * to the minute), it is due at `workdayEnd` that day; otherwise at `workdayEnd` of the next working day.
 *
 * @param reportedAt - when the report was submitted
 * @param possiblySerious - whether the report may be an allvarligt tillbud or otherwise urgent
 * @param policy - cut-off, end of the working day and the serious-report delay; build configured
 *   policies with {@link deadlinePolicy} so they are checked
 * @returns the instant the acknowledgement is due
 */
export function acknowledgementDue(
  reportedAt: Date,
  possiblySerious: boolean,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Date {
  if (possiblySerious) return new Date(reportedAt.getTime() + policy.seriousAckMinutes * MINUTE_MS);
  const local = stockholmLocal(reportedAt);
  const date = local.slice(0, 10);
  const time = local.slice(11);
  const dueDate = isWorkingDay(date) && time < policy.ackCutoff ? date : nextWorkingDay(date);
  return stockholmInstant(dueDate, policy.workdayEnd);
}

/**
 * The instant the reminders of a date are sent: `reminderTime` on that date, working day or not.
 *
 * @param localDate - `YYYY-MM-DD`
 * @param policy - supplies `reminderTime`
 * @returns the instant
 */
export function reminderInstantOn(localDate: string, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Date {
  return stockholmInstant(localDate, policy.reminderTime);
}

/**
 * The next reminder slot: `reminderTime` on the first working day where that instant is strictly after
 * `after`. Before 09:00 on a working day that is the same morning; at or after it, the next working day.
 *
 * @param after - the instant to look forward from (typically now, or a deadline just missed)
 * @param policy - supplies `reminderTime`
 * @returns the instant of the next working-day reminder
 */
export function nextWorkingMorning(after: Date, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Date {
  let date = stockholmLocal(after).slice(0, 10);
  if (!isWorkingDay(date)) date = nextWorkingDay(date);
  for (;;) {
    const instant = reminderInstantOn(date, policy);
    if (instant.getTime() > after.getTime()) return instant;
    date = nextWorkingDay(date);
  }
}

/**
 * Whether a deadline has passed. Exactly at the deadline is still in time.
 *
 * @param due - the deadline
 * @param now - the current instant, passed in
 * @returns true once `now` is after `due`
 */
export function isOverdue(due: Date, now: Date): boolean {
  return now.getTime() > due.getTime();
}
