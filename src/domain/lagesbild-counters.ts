/**
 * Maintained counters of the lägesbild. Every case adds its summary's contribution to counter
 * documents of its Swedish report day, of the day's dekad (days 1–10, 11–20, 21–end of a month)
 * and of its month — for its district and for its unit — and a change of the case moves the
 * difference. A lägesbild then sums the documents of whole months, whole dekads and the days at
 * the edges (at most 18 days), never individual cases, so its work does not grow with the number of
 * stored incidents. Pure: the store adapters keep the documents, this decides what is in them.
 *
 * A counter document is a flat map from key to count, zeros left out:
 * `n` (cases), `form:<code>`, `unit:<id>`, `role:<code>`, `place:<code>`, `area:<code>`,
 * `police:relevant`, `police:decided`, `police:filed`, `serious:possible`, `serious:notified`,
 * `serious:inTime`, and the time histograms `ack:<i>`, `support:<i>`, `close:<i>` (bucket i of
 * {@link MILESTONE_EDGES_MINUTES}: minutes from the report to the milestone).
 */
import type { CaseSummary } from './lagesbild-types';
import { FORMS, PERPETRATOR_ROLES, PLACES, WORK_AREAS } from './report-schema';
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

/**
 * Every key a counter document can have apart from units (`unit:<id>`), in a fixed order: a store
 * may keep documents as dense vectors in this order, so that reading one costs the same however
 * many cases it holds.
 */
export const COUNTER_LAYOUT: readonly string[] = Object.freeze([
  'n',
  ...FORMS.map((x) => `form:${x}`),
  ...PERPETRATOR_ROLES.map((x) => `role:${x}`),
  ...PLACES.map((x) => `place:${x}`),
  ...WORK_AREAS.map((x) => `area:${x}`),
  'police:relevant',
  'police:decided',
  'police:filed',
  'serious:possible',
  'serious:notified',
  'serious:inTime',
  ...MILESTONES.flatMap((m) => MILESTONE_EDGES_MINUTES.map((_, i) => `${m}:${i}`)),
]);

/** The granularities of counter documents: a Swedish calendar day, dekad or month. */
export type Grain = 'day' | 'dekad' | 'month';

/** Where a case's contribution is kept: its district, its unit, and its report day, dekad and month. */
export interface CounterHome {
  districtId: string;
  unitId: string;
  /** `YYYY-MM-DD`, Swedish date of the report. */
  day: string;
  /** `YYYY-MM-1`, `-2` or `-3`: days 1–10, 11–20, 21 to the end of the month. */
  dekad: string;
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
  return { districtId: s.districtId, unitId: s.unitId, day, dekad: dekadOf(day), month: day.slice(0, 7) };
}

/**
 * What one case adds to the counters of its report day.
 *
 * @param s - the case summary
 * @param into - counts to add it to (default: a new, empty document)
 * @returns `into` with the case added; zeros left out
 */
export function contributionOf(s: CaseSummary, into: Counters = {}): Counters {
  const c = into;
  const one = (key: string) => (c[key] = (c[key] ?? 0) + 1);
  one('n');
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
 * away, the new one's added, at the day, dekad and month of the report, for the district and the unit,
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
      docs.push([scopeKey, 'day', home.day, contribution], [scopeKey, 'dekad', home.dekad, contribution], [scopeKey, 'month', home.month, contribution]);
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

/** The counter documents that cover a range of days: whole months, then whole dekads, then days. */
export interface BucketRanges {
  /** Day documents with `from <= day < to` (`YYYY-MM-DD`): at most 9 days at either edge. */
  days: Array<[string, string]>;
  /** Dekad documents with `from <= dekad < to` (`YYYY-MM-1/2/3`): at most two at either edge. */
  dekads: Array<[string, string]>;
  /** Month documents with `from <= month < to` (`YYYY-MM`), if any whole month is covered. */
  months?: [string, string];
}

/**
 * Splits a range of Swedish days into whole months, whole dekads and single days, so that a year
 * is read as about 30 documents per district, 30 days as about 12.
 *
 * @param fromDay - first day, `YYYY-MM-DD`
 * @param toDay - first day after the range
 * @returns the ranges of documents to read
 */
export function bucketRanges(fromDay: string, toDay: string): BucketRanges {
  const out: BucketRanges = { days: [], dekads: [] };
  if (toDay <= fromDay) return out;
  const firstWholeMonth = fromDay.endsWith('-01') ? fromDay : nextMonthStart(fromDay);
  const afterLastWholeMonth = `${toDay.slice(0, 7)}-01`;
  if (firstWholeMonth < afterLastWholeMonth) {
    out.months = [firstWholeMonth.slice(0, 7), afterLastWholeMonth.slice(0, 7)];
    splitDekads(fromDay, firstWholeMonth, out);
    splitDekads(afterLastWholeMonth, toDay, out);
  } else {
    splitDekads(fromDay, toDay, out);
  }
  return out;
}

/**
 * The dekad of a day.
 *
 * @param day - `YYYY-MM-DD`
 * @returns `YYYY-MM-1` (days 1–10), `-2` (11–20) or `-3` (21 to the end)
 */
export function dekadOf(day: string): string {
  const d = Number(day.slice(8, 10));
  return `${day.slice(0, 7)}-${d <= 10 ? 1 : d <= 20 ? 2 : 3}`;
}

/** Whole dekads of `[a, b)` as dekads, the rest as days. */
function splitDekads(a: string, b: string, out: BucketRanges): void {
  if (b <= a) return;
  const first = isDekadStart(a) ? a : nextDekadStart(a);
  const last = dekadStartOnOrBefore(b);
  if (first < last) {
    if (a < first) out.days.push([a, first]);
    out.dekads.push([dekadOf(first), dekadOf(last)]);
    if (last < b) out.days.push([last, b]);
  } else {
    out.days.push([a, b]);
  }
}

function isDekadStart(day: string): boolean {
  return ['01', '11', '21'].includes(day.slice(8, 10));
}

function nextDekadStart(day: string): string {
  const d = Number(day.slice(8, 10));
  return d < 11 ? `${day.slice(0, 8)}11` : d < 21 ? `${day.slice(0, 8)}21` : nextMonthStart(day);
}

function dekadStartOnOrBefore(day: string): string {
  const d = Number(day.slice(8, 10));
  return `${day.slice(0, 8)}${d >= 21 ? '21' : d >= 11 ? '11' : '01'}`;
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
