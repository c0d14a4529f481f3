/**
 * The lägesbild (situational picture): from the counters of a period and of the period before it,
 * every figure of the card, suppressed. Pure.
 *
 * Suppression (see `suppression.ts` for the rules and why they are safe): the card's counts are one
 * table — the total and the groups forms, units, perpetrator roles, places, areas of work and
 * possible allvarligt tillbud (yes/no) — suppressed together; the previous period's table the same
 * way; trends and shares only between shown counts. Three things need more:
 * - Threats or violence is not independent of the forms (a case is one exactly when it has a
 *   threat or violence form), so its count could pin a form shown as `<5`; see {@link policeBlock}
 *   for when it is shown, otherwise the police block is withheld (`..`). An exhaustive attacker
 *   test (tests/unit/lagesbild-attack.test.ts) checks that no hidden form count can be pinned.
 * - Parts that are not rows (police decision recorded, filed; notified, notified in time) are shown
 *   as {@link subgroupShare} allows: only when neither the part nor the rest is 1…t−1.
 * - Medians are shown only when at least t cases reached the milestone.
 * Open and overdue cases are a table of their own (open now, overdue yes/no).
 */
import { MILESTONE_EDGES_MINUTES, type Counters, type Milestone } from './lagesbild-counters';
import type {
  CountFigure,
  Dimension,
  DimensionKey,
  DimensionRow,
  LagesbildScopeInfo,
  LagesbildView,
  MedianFigure,
  PeriodInfo,
  SubgroupFigure,
} from './lagesbild-view';
import type { Period } from './period';
import { FORMS, PERPETRATOR_ROLES, PLACES, WORK_AREAS } from './report-schema';
import { POLICE_FORMS } from './case-summary';
import {
  cellShare,
  HIDDEN,
  smallMark,
  subgroupShare,
  suppressTable,
  trendCell,
  type Cell,
  type CountTable,
  type DimensionCounts,
  type SuppressedTable,
} from './suppression';

export type { LagesbildView } from './lagesbild-view';

/** What a lägesbild is made from. */
export interface LagesbildInput {
  scope: LagesbildScopeInfo;
  period: Period;
  previousPeriod: Period;
  /** Counters of the cases reported in the period, and in the previous period. */
  current: Readonly<Counters>;
  previous: Readonly<Counters>;
  /** Cases open now in the scope, and overdue among them. */
  open: { open: number; overdue: number };
  now: Date;
  /** Suppression threshold (≥ 3). */
  threshold: number;
}

/** The coded groups: key on the card, counter prefix, locale prefix, codes in display order. */
const CODED: ReadonlyArray<{ key: DimensionKey; prefix: string; optionsKey: string; codes: readonly string[] }> = [
  { key: 'form', prefix: 'form', optionsKey: 'report.option.forms', codes: FORMS },
  { key: 'perpetratorRole', prefix: 'role', optionsKey: 'report.option.perpetratorRole', codes: PERPETRATOR_ROLES },
  { key: 'place', prefix: 'place', optionsKey: 'report.option.place', codes: PLACES },
  { key: 'workArea', prefix: 'area', optionsKey: 'report.option.workArea', codes: WORK_AREAS },
];

/** The order of the groups on the card. */
const CARD_ORDER: readonly DimensionKey[] = ['form', 'unit', 'perpetratorRole', 'place', 'workArea'];

/**
 * Builds the lägesbild card's figures.
 *
 * @param input - counters of the period and the previous period, open cases, scope, threshold
 * @returns the view, every count suppressed
 * @throws RangeError when the counters are inconsistent (a group that does not fit the total)
 */
export function buildLagesbild(input: LagesbildInput): LagesbildView {
  const t = input.threshold;
  const units = unitRows(input);
  const current = suppressed(input.current, units.map((u) => u.id), t);
  const previous = suppressed(input.previous, units.map((u) => u.id), t);
  const figure = (group: string | undefined, code: string): CountFigure => {
    const cell = group ? current.groups[group][code] : current.total;
    const before = group ? previous.groups[group][code] : previous.total;
    const trend = trendCell(cell, before);
    return trend ? { cell, previous: before, trend } : { cell, previous: before };
  };
  const row = (group: string, code: string, extra: Partial<DimensionRow> = {}): DimensionRow => {
    const f = figure(group, code);
    const share = cellShare(f.cell, current.total);
    return { code, ...extra, ...f, ...(share === undefined ? {} : { share }) };
  };
  const dimensions: Dimension[] = CARD_ORDER.map((key) => {
    if (key === 'unit') {
      return { key, exclusive: true, rows: units.map((u) => row('unit', u.id, { name: u.name, districtId: u.districtId })) };
    }
    const coded = CODED.find((d) => d.key === key)!;
    return { key, optionsKey: coded.optionsKey, exclusive: key !== 'form', rows: coded.codes.map((code) => row(key, code)) };
  });
  const c = input.current;
  return {
    scope: input.scope,
    period: periodInfo(input.period),
    previousPeriod: periodInfo(input.previousPeriod),
    threshold: t,
    smallMark: smallMark(t),
    total: figure(undefined, ''),
    dimensions,
    police: policeBlock(c, current, t),
    serious: {
      possiblySerious: current.groups.serious.yes,
      notified: subgroup(count(c, 'serious:notified'), current.groups.serious.yes, t),
      notifiedInTime: subgroup(count(c, 'serious:inTime'), current.groups.serious.yes, t),
    },
    medians: {
      acknowledge: median(c, 'ack', t),
      supportOffered: median(c, 'support', t),
      closed: median(c, 'close', t),
    },
    open: openFigures(input.open, input.now, t),
    generatedAt: input.now.toISOString(),
  };
}

/**
 * The median bucket of a milestone's time histogram: the bucket holding the ⌈n/2⌉-th shortest time.
 *
 * @param c - counters
 * @param milestone - which milestone
 * @param threshold - fewer cases than this: not shown
 * @returns the bucket's bounds, or `too-few`
 */
export function median(c: Readonly<Counters>, milestone: Milestone, threshold: number): MedianFigure {
  const counts = MILESTONE_EDGES_MINUTES.map((_, i) => count(c, `${milestone}:${i}`));
  const n = counts.reduce((a, b) => a + b, 0);
  if (n < threshold) return { kind: 'too-few' };
  const rank = Math.ceil(n / 2);
  let seen = 0;
  let i = 0;
  while (seen + counts[i] < rank) seen += counts[i++];
  const upper = MILESTONE_EDGES_MINUTES[i + 1];
  return upper === undefined ? { kind: 'range', fromMinutes: MILESTONE_EDGES_MINUTES[i] } : { kind: 'range', fromMinutes: MILESTONE_EDGES_MINUTES[i], toMinutes: upper };
}

function count(c: Readonly<Counters>, key: string): number {
  return c[key] ?? 0;
}

/**
 * The card's table of one period, suppressed (exported for the attacker tests).
 *
 * @param c - the period's counters
 * @param unitIds - the unit rows of the card
 * @param t - threshold
 * @returns total and groups as the card shows them
 */
export function suppressed(c: Readonly<Counters>, unitIds: readonly string[], t: number): SuppressedTable {
  const total = count(c, 'n');
  const counts = (prefix: string, codes: readonly string[]) => Object.fromEntries(codes.map((code) => [code, count(c, `${prefix}:${code}`)]));
  const exclusive = (prefix: string, codes: readonly string[]): DimensionCounts => ({ exclusive: true, counts: counts(prefix, codes) });
  const yesNo = (key: string): DimensionCounts => ({ exclusive: true, counts: { yes: count(c, key), no: total - count(c, key) } });
  const table: CountTable = {
    total,
    groups: {
      form: { exclusive: false, minPerIncident: 1, maxPerIncident: FORMS.length, counts: counts('form', FORMS) },
      unit: exclusive('unit', unitIds),
      perpetratorRole: exclusive('role', PERPETRATOR_ROLES),
      place: exclusive('place', PLACES),
      workArea: exclusive('area', WORK_AREAS),
      serious: yesNo('serious:possible'),
    },
  };
  return suppressTable(table, { threshold: t });
}

/**
 * Police follow-up. The number of threat and violence cases is tied to the forms (a case is one
 * exactly when it has a threat or violence form), so it is shown only when it tells nothing about a
 * hidden form count: the three threat/violence forms are shown as numbers, and the other forms
 * shown as numbers account for every case without one (or no case has two threat/violence forms,
 * so the number adds nothing). It is also withheld when the cases without threats or violence are
 * 1…t−1 (the total would give them away). Exported for the attacker tests.
 *
 * @param c - the period's counters
 * @param table - the period's suppressed table
 * @param t - threshold
 * @returns the block as the card shows it
 */
export function policeBlock(c: Readonly<Counters>, table: SuppressedTable, t: number): LagesbildView['police'] {
  const total = count(c, 'n');
  if (typeof table.total !== 'number') {
    const small: SubgroupFigure = { count: table.total };
    return { relevant: table.total, decisionRecorded: small, filed: small, withheld: false };
  }
  const n = count(c, 'police:relevant');
  const forms = table.groups.form;
  const policeFormsShown = POLICE_FORMS.every((f) => typeof forms[f] === 'number');
  const policeFormsSum = POLICE_FORMS.reduce((a, f) => a + count(c, `form:${f}`), 0);
  const otherFormsShown = Object.entries(forms)
    .filter(([code, cell]) => !POLICE_FORMS.includes(code as never) && typeof cell === 'number')
    .reduce((a, [, cell]) => a + (cell as number), 0);
  const addsNothing = policeFormsShown && (policeFormsSum === n || otherFormsShown >= total - n);
  const restSmall = total - n >= 1 && total - n < t;
  if (!addsNothing || restSmall) {
    const hidden: SubgroupFigure = { count: HIDDEN };
    return { relevant: HIDDEN, decisionRecorded: hidden, filed: hidden, withheld: true };
  }
  return {
    relevant: n,
    decisionRecorded: subgroup(count(c, 'police:decided'), n, t),
    filed: subgroup(count(c, 'police:filed'), n, t),
    withheld: false,
  };
}

/** A part of a shown count that is not a row itself: shown with its share, or hidden like the whole. */
function subgroup(part: number, whole: Cell, t: number): SubgroupFigure {
  if (typeof whole !== 'number') return { count: whole };
  if (whole === 0) return { count: 0 };
  const share = subgroupShare(part, whole, { threshold: t });
  return share === undefined ? { count: HIDDEN } : { count: part, share };
}

function openFigures(open: { open: number; overdue: number }, now: Date, t: number): LagesbildView['open'] {
  const table = suppressTable(
    { total: open.open, groups: { overdue: { exclusive: true, counts: { yes: open.overdue, no: open.open - open.overdue } } } },
    { threshold: t },
  );
  return { open: table.total, overdue: table.groups.overdue.yes, asOf: now.toISOString() };
}

/** The units of the card: the scope's, then any unit counted that the organisation no longer lists. */
function unitRows(input: LagesbildInput): Array<{ id: string; name: string; districtId?: string }> {
  const listed = input.scope.units.map((u) => ({ id: u.id, name: u.name, districtId: u.districtId as string | undefined }));
  const known = new Set(listed.map((u) => u.id));
  const stray = new Set<string>();
  for (const c of [input.current, input.previous]) {
    for (const key of Object.keys(c)) {
      if (key.startsWith('unit:') && !known.has(key.slice(5))) stray.add(key.slice(5));
    }
  }
  return [...listed, ...[...stray].sort().map((id) => ({ id, name: id, districtId: undefined }))];
}

function periodInfo(p: Period): PeriodInfo {
  return { label: p.label, from: p.from.toISOString(), to: p.to.toISOString() };
}
