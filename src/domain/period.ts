/**
 * Report periods typed by coordinators (`lägesbild 30d`, `export 2026-Q3`, `lägesbild förra månaden`),
 * in Swedish or English. Pure: `now` is always passed in.
 *
 * Every boundary is Swedish midnight (Europe/Stockholm), except the end of a rolling period, which
 * is `now`. Calendar periods (a day, month, quarter or year) are whole calendar units even while
 * they are still running: `denna månad` on 23 November ends at midnight 1 December.
 */
import { addDays, isLocalDate, stockholmDate, stockholmDayStart } from './stockholm-instant';

/** A half-open interval of time with a canonical name. */
export interface Period {
  /** First instant inside the period. */
  from: Date;
  /** First instant after the period (exclusive). */
  to: Date;
  /**
   * Canonical name, typed back it gives the same period: `30d`, `12w`, `2026`, `2026-Q3`,
   * `2026-10`, `2026-11-23` (one day) or `2026-09-25..2026-10-24` (whole days, both included).
   */
  label: string;
}

/** Longest period accepted, in days (ten years and change). */
export const MAX_PERIOD_DAYS = 3660;

/** Earliest year accepted; anything before is a typo, Trygg holds no older data. */
export const MIN_YEAR = 2000;

type Span =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'days'; first: string; last: string }
  | { kind: 'rolling'; days: number; label: string };

const pad = (n: number): string => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / DAY_MS;

type CalendarSpan = Exclude<Span, { kind: 'rolling' }>;

const relativePhrases: ReadonlyArray<readonly [readonly string[], (today: string) => CalendarSpan]> = [
  [['idag', 'i dag', 'today'], (t) => ({ kind: 'days', first: t, last: t })],
  [['igar', 'i gar', 'yesterday'], (t) => ({ kind: 'days', first: addDays(t, -1), last: addDays(t, -1) })],
  [['denna manad', 'den har manaden', 'innevarande manad', 'this month'], (t) => monthOf(t)],
  [['forra manaden', 'forra manad', 'last month', 'previous month'], (t) => previousSpan(monthOf(t))],
  [['detta kvartal', 'det har kvartalet', 'innevarande kvartal', 'this quarter'], (t) => quarterOf(t)],
  [['forra kvartalet', 'forra kvartal', 'last quarter', 'previous quarter'], (t) => previousSpan(quarterOf(t))],
  [['i ar', 'detta ar', 'innevarande ar', 'this year'], (t) => ({ kind: 'year', year: Number(t.slice(0, 4)) })],
  [['forra aret', 'forra ar', 'i fjol', 'ifjol', 'last year', 'previous year'], (t) => ({ kind: 'year', year: Number(t.slice(0, 4)) - 1 })],
];

/** Relative phrases (normalised: lower case, no diacritics, single spaces) → the span they mean today. */
const RELATIVE: Readonly<Record<string, (today: string) => CalendarSpan>> = Object.freeze(
  Object.fromEntries(relativePhrases.flatMap(([phrases, span]) => phrases.map((phrase) => [phrase, span]))),
);

const ROLLING = /^(?:(?:senaste|last|past) )?(\d{1,5}) ?(d|dag|dagar|dagarna|dygn|day|days|v|vecka|veckor|veckorna|w|wk|wks|week|weeks)$/;
const YEAR = /^(\d{4})$/;
const QUARTER_YEAR_FIRST = /^(\d{4}) ?-? ?(?:q|k|kv) ?([1-4])$/;
const QUARTER_YEAR_LAST = /^(?:q|k|kv) ?([1-4]) ?-? ?(\d{4})$/;
const MONTH = /^(\d{4})-(\d{1,2})$/;
const DAY = /^(\d{4}-\d{2}-\d{2})$/;
const RANGE = /^(\d{4}-\d{2}-\d{2}) ?(?:\.\.|–|—| till | to ) ?(\d{4}-\d{2}-\d{2})$/;

/**
 * Reads a period typed by a person, case-insensitively, with or without å/ä/ö.
 *
 * Rolling periods (`30d`, `30 dagar`, `last 30 days`, `12v`, `12 weeks`) end at `now` and start at
 * Swedish midnight N−1 days before today: `7d` is today so far plus the six whole days before it.
 * Also accepted: `2026`, `2026-Q3` (`2026 Q3`, `Q3 2026`, `2026-k3`, `2026 kv3`), `2026-10`,
 * `2026-11-23`, `2026-11-01..2026-11-23`, and `idag`/`today`, `igår`/`yesterday`,
 * `denna månad`/`this month`, `förra månaden`/`last month`, `detta kvartal`/`this quarter`,
 * `förra kvartalet`/`last quarter`, `i år`/`this year`, `förra året`/`last year`.
 *
 * @param text - what the coordinator typed after the command
 * @param now - the current instant
 * @returns the period, or undefined for nonsense, empty or longer-than-{@link MAX_PERIOD_DAYS}
 *   periods, years before {@link MIN_YEAR}, and periods that start after `now`
 */
export function parsePeriod(text: string, now: Date): Period | undefined {
  const today = stockholmDate(now);
  const words = normalise(text);
  const relative = Object.hasOwn(RELATIVE, words) ? RELATIVE[words] : undefined;
  const span = relative ? relative(today) : parseSpan(words);
  if (!span || !withinLimits(span)) return undefined;
  const period = toPeriod(span, today, now);
  return period.from.getTime() > now.getTime() ? undefined : period;
}

/**
 * The default period of a lägesbild: the last 30 days.
 *
 * @param now - the current instant
 * @returns the period `30d` ending at `now`
 */
export function defaultPeriod(now: Date): Period {
  return toPeriod({ kind: 'rolling', days: 30, label: '30d' }, stockholmDate(now), now);
}

/**
 * The period a trend compares with: the same kind of period immediately before. A calendar unit
 * gives the previous unit (2026-Q3 → 2026-Q2, 2026-03 → 2026-02, 2026 → 2025, a day → the day
 * before); a rolling period of N days gives the N whole days before its first day; a range of
 * whole days gives as many whole days before it.
 *
 * Note that a rolling period holds today only so far, so it is compared with N whole days.
 *
 * @param period - a period from {@link parsePeriod} or {@link defaultPeriod}
 * @returns the period before it, ending where `period` starts
 */
export function previousPeriod(period: Period): Period {
  const first = stockholmDate(period.from);
  const span = parseSpan(normalise(period.label));
  if (span?.kind === 'rolling') {
    return calendarPeriod({ kind: 'days', first: addDays(first, -span.days), last: addDays(first, -1) });
  }
  if (span) return calendarPeriod(previousSpan(span));
  const length = period.to.getTime() - period.from.getTime();
  const from = new Date(period.from.getTime() - length);
  return { from, to: period.from, label: `${stockholmDate(from)}..${stockholmDate(new Date(period.from.getTime() - 1))}` };
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

function parseSpan(words: string): Span | undefined {
  let m: RegExpExecArray | null;
  if ((m = ROLLING.exec(words))) {
    const weeks = /^[vw]/.test(m[2]);
    const n = Number(m[1]);
    return { kind: 'rolling', days: weeks ? n * 7 : n, label: `${n}${weeks ? 'w' : 'd'}` };
  }
  if ((m = YEAR.exec(words))) return { kind: 'year', year: Number(m[1]) };
  if ((m = QUARTER_YEAR_FIRST.exec(words))) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  if ((m = QUARTER_YEAR_LAST.exec(words))) return { kind: 'quarter', year: Number(m[2]), quarter: Number(m[1]) };
  if ((m = MONTH.exec(words))) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  if ((m = DAY.exec(words))) return { kind: 'days', first: m[1], last: m[1] };
  if ((m = RANGE.exec(words))) return { kind: 'days', first: m[1], last: m[2] };
  return undefined;
}

function withinLimits(span: Span): boolean {
  switch (span.kind) {
    case 'rolling':
      return span.days >= 1 && span.days <= MAX_PERIOD_DAYS;
    case 'month':
      return span.year >= MIN_YEAR && span.month >= 1 && span.month <= 12;
    case 'days': {
      if (!isLocalDate(span.first) || !isLocalDate(span.last)) return false;
      const days = daysBetween(span.first, span.last) + 1;
      return Number(span.first.slice(0, 4)) >= MIN_YEAR && days >= 1 && days <= MAX_PERIOD_DAYS;
    }
    default:
      return span.year >= MIN_YEAR;
  }
}

/** First local date of the span and the first local date after it. */
function bounds(span: CalendarSpan): [string, string, string] {
  switch (span.kind) {
    case 'year':
      return [`${span.year}-01-01`, `${span.year + 1}-01-01`, `${span.year}`];
    case 'quarter': {
      const start = `${span.year}-${pad(span.quarter * 3 - 2)}-01`;
      const end = span.quarter === 4 ? `${span.year + 1}-01-01` : `${span.year}-${pad(span.quarter * 3 + 1)}-01`;
      return [start, end, `${span.year}-Q${span.quarter}`];
    }
    case 'month': {
      const end = span.month === 12 ? `${span.year + 1}-01-01` : `${span.year}-${pad(span.month + 1)}-01`;
      return [`${span.year}-${pad(span.month)}-01`, end, `${span.year}-${pad(span.month)}`];
    }
    case 'days':
      return [span.first, addDays(span.last, 1), span.first === span.last ? span.first : `${span.first}..${span.last}`];
  }
}

function toPeriod(span: Span, today: string, now: Date): Period {
  if (span.kind !== 'rolling') return calendarPeriod(span);
  return { from: stockholmDayStart(addDays(today, 1 - span.days)), to: now, label: span.label };
}

function calendarPeriod(span: CalendarSpan): Period {
  const [first, after, label] = bounds(span);
  return { from: stockholmDayStart(first), to: stockholmDayStart(after), label };
}

function previousSpan(span: CalendarSpan): CalendarSpan {
  switch (span.kind) {
    case 'year':
      return { kind: 'year', year: span.year - 1 };
    case 'quarter':
      return span.quarter === 1 ? { kind: 'quarter', year: span.year - 1, quarter: 4 } : { ...span, quarter: span.quarter - 1 };
    case 'month':
      return span.month === 1 ? { kind: 'month', year: span.year - 1, month: 12 } : { ...span, month: span.month - 1 };
    case 'days': {
      const length = daysBetween(span.first, span.last) + 1;
      return { kind: 'days', first: addDays(span.first, -length), last: addDays(span.first, -1) };
    }
  }
}

function monthOf(today: string): CalendarSpan {
  return { kind: 'month', year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

function quarterOf(today: string): CalendarSpan {
  return { kind: 'quarter', year: Number(today.slice(0, 4)), quarter: Math.ceil(Number(today.slice(5, 7)) / 3) };
}
