/**
 * Maintained counters of the lägesbild. Every case adds its summary's contribution to a counter
 * document of its Swedish report day and one of its report month — for its district and for its
 * unit — and a change of the case moves the difference. A lägesbild then sums counter documents of
 * whole days and months, never individual cases, so its work does not grow with the number of
 * stored incidents. Pure: the store adapters keep the documents, this decides what is in them.
 *
 * A counter document is a flat map from key to count, zeros left out:
 * `n` (cases), `form:<code>`, `unit:<id>`, `role:<code>`, `place:<code>`, `area:<code>`,
 * `police:relevant`, `police:decided`, `police:filed`, `serious:possible`, `serious:notified`,
 * `serious:inTime`, and the time histograms `ack:<i>`, `support:<i>`, `close:<i>` (bucket i of
 * {@link MILESTONE_EDGES_MINUTES}: minutes from the report to the milestone).
 */
import type { CaseSummary } from './lagesbild-types';
import { addDays, stockholmDate } from './stockholm-instant';

/** Counts by key (see the module comment). */
export type Counters = Record<string, number>;

/** The milestones whose times are kept as histograms. */
export const MILESTONES = ['ack', 'support', 'close'] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * Lower edges of the time buckets in minutes: 0, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 1 d, 2 d, 3 d,
 * 5 d, 7 d, 14 d, 30 d, 60 d, 90 d, 180 d, 365 d. Bucket i holds times in [edge i, edge i+1); the
 * last one everything from 365 days.
 */
export const MILESTONE_EDGES_MINUTES: readonly number[] = Object.freeze(
  [0, 15, 30, 60, 120, 240, 480].concat([1, 2, 3, 5, 7, 14, 30, 60, 90, 180, 365].map((d) => d * 1440)),
);

/** The granularities of counter documents: a Swedish calendar day or month. */
export type Grain = 'day' | 'month';

/** Where a case's contribution is kept: its district, its unit, and its report day and month. */
export interface CounterHome {
  districtId: string;
  unitId: string;
  /** `YYYY-MM-DD`, Swedish date of the report. */
  day: string;
  /** `YYYY-MM`. */
  month: string;
}

/**
 * The time bucket of a duration.
 *
 * @param minutes - minutes from the report to the milestone (negative times count as 0)
 * @returns the bucket's index in {@link MILESTONE_EDGES_MINUTES}
 */
export function milestoneBucket(minutes: number): number {
  let i = 0;
  while (i + 1 < MILESTONE_EDGES_MINUTES.length && minutes >= MILESTONE_EDGES_MINUTES[i + 1]) i++;
  return i;
}

/**
 * Where a case's contribution is counted.
 *
 * @param s - the case summary
 * @returns district, unit, Swedish report day and month
 */
export function counterHome(s: CaseSummary): CounterHome {
  const day = stockholmDate(new Date(s.reportedAt));
  return { districtId: s.districtId, unitId: s.unitId, day, month: day.slice(0, 7) };
}

/**
 * What one case adds to the counters of its report day.
 *
 * @param s - the case summary
 * @returns the counts, zeros left out
 */
export function contributionOf(s: CaseSummary): Counters {
  const c: Counters = { n: 1 };
  const one = (key: string) => (c[key] = (c[key] ?? 0) + 1);
  for (const form of new Set(s.forms)) one(`form:${form}`);
  one(`unit:${s.unitId}`);
  one(`role:${s.perpetratorRole}`);
  one(`place:${s.place}`);
  one(`area:${s.workArea}`);
  if (s.policeRelevant) {
    one('police:relevant');
    if (s.policeDecision) one('police:decided');
    if (s.policeFiled) one('police:filed');
  }
  if (s.possiblySerious) {
    one('serious:possible');
    if (s.seriousNotified) one('serious:notified');
    if (s.seriousNotifiedInTime) one('serious:inTime');
  }
  const reported = Date.parse(s.reportedAt);
  const milestone = (name: Milestone, at: string | undefined) => {
    if (at) one(`${name}:${milestoneBucket((Date.parse(at) - reported) / 60_000)}`);
  };
  milestone('ack', s.acknowledgedAt);
  milestone('support', s.supportOfferedAt);
  milestone('close', s.closedAt);
  return c;
}

/**
 * Adds counts into a document (in place), dropping keys that reach zero.
 *
 * @param into - the document to change
 * @param add - the counts to add
 * @param sign - 1 to add, -1 to take away
 * @returns `into`
 */
export function addCounters(into: Counters, add: Readonly<Counters>, sign: 1 | -1 = 1): Counters {
  for (const key in add) {
    const value = (into[key] ?? 0) + sign * add[key];
    if (value === 0) delete into[key];
    else into[key] = value;
  }
  return into;
}

/** Whether a case is open (counted among open cases). */
export function isOpen(s: CaseSummary): boolean {
  return s.status !== 'closed';
}

/** One document's change: which document, and what to add to it. */
export interface CounterChange {
  districtId: string;
  /** `*` for the whole district, else the unit's id. */
  scopeKey: string;
  grain: Grain | 'open';
  /** The day or month; `-` for the open-cases document. */
  bucket: string;
  delta: Counters;
}

/**
 * The counter documents a change of a case touches, and how: the old summary's contribution taken
 * away, the new one's added, at the day and month of the report, for the district and the unit,
 * plus the open-cases documents (`open` grain: `{ n }` open cases of the district / unit). Only
 * documents that really change are listed.
 *
 * @param before - the summary as counted so far (undefined for a new case)
 * @param after - the summary now
 * @returns the changes, each with a non-empty delta
 */
export function counterChanges(before: CaseSummary | undefined, after: CaseSummary): CounterChange[] {
  const byDoc = new Map<string, CounterChange>();
  const add = (s: CaseSummary, sign: 1 | -1) => {
    const home = counterHome(s);
    const contribution = contributionOf(s);
    const docs: Array<[string, Grain | 'open', string, Counters | undefined]> = [];
    for (const scopeKey of ['*', s.unitId]) {
      docs.push([scopeKey, 'day', home.day, contribution], [scopeKey, 'month', home.month, contribution]);
      docs.push([scopeKey, 'open', '-', isOpen(s) ? { n: 1 } : undefined]);
    }
    for (const [scopeKey, grain, bucket, delta] of docs) {
      if (!delta) continue;
      const id = `${home.districtId}|${scopeKey}|${grain}|${bucket}`;
      const change = byDoc.get(id) ?? { districtId: home.districtId, scopeKey, grain, bucket, delta: {} };
      addCounters(change.delta, delta, sign);
      byDoc.set(id, change);
    }
  };
  if (before) add(before, -1);
  add(after, 1);
  return [...byDoc.values()].filter((c) => Object.keys(c.delta).length > 0);
}

/** The counter documents that cover a range of days: whole months where possible, days at the edges. */
export interface BucketRanges {
  /** Day documents with `from <= day < to` (`YYYY-MM-DD`), at most two ranges. */
  days: Array<[string, string]>;
  /** Month documents with `from <= month < to` (`YYYY-MM`), if any whole month is covered. */
  months?: [string, string];
}

/**
 * Splits a range of Swedish days into whole months and the days before and after them, so that a
 * year is read as about a dozen documents per district, not 365.
 *
 * @param fromDay - first day, `YYYY-MM-DD`
 * @param toDay - first day after the range
 * @returns the ranges of day and month documents to read
 */
export function bucketRanges(fromDay: string, toDay: string): BucketRanges {
  if (toDay <= fromDay) return { days: [] };
  const firstWholeMonth = fromDay.endsWith('-01') ? fromDay : nextMonthStart(fromDay);
  const afterLastWholeMonth = `${toDay.slice(0, 7)}-01`;
  if (firstWholeMonth >= afterLastWholeMonth) return { days: [[fromDay, toDay]] };
  const days: Array<[string, string]> = [];
  if (fromDay < firstWholeMonth) days.push([fromDay, firstWholeMonth]);
  if (afterLastWholeMonth < toDay) days.push([afterLastWholeMonth, toDay]);
  return { days, months: [firstWholeMonth.slice(0, 7), afterLastWholeMonth.slice(0, 7)] };
}

/**
 * The Swedish days a period covers: from its first day to the day after its last moment.
 *
 * @param from - first instant of the period (a Swedish midnight)
 * @param to - first instant after it (a Swedish midnight, or now for a rolling period)
 * @returns `[fromDay, toDay)` as `YYYY-MM-DD`
 */
export function periodDays(from: Date, to: Date): [string, string] {
  const fromDay = stockholmDate(from);
  const lastDay = stockholmDate(new Date(to.getTime() - 1));
  return [fromDay, addDays(lastDay, 1)];
}

function nextMonthStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
