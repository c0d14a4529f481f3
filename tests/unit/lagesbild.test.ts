import { strict as assert } from 'node:assert';
import { lagesbildScope } from '../../src/domain/access';
import { addCounters, contributionOf, type Counters } from '../../src/domain/lagesbild-counters';
import type { CaseSummary } from '../../src/domain/lagesbild-types';
import type { DimensionRow, LagesbildScopeInfo } from '../../src/domain/lagesbild-view';
import { buildLagesbild, median, type LagesbildInput, type LagesbildView } from '../../src/domain/lagesbild';
import type { Organisation } from '../../src/domain/organisation';
import { parsePeriod, previousPeriod } from '../../src/domain/period';
import type { Form, PerpetratorRole, Place } from '../../src/domain/report-schema';
import type { Cell, Trend } from '../../src/domain/suppression';

const NOW = new Date('2026-11-02T10:00:00Z');
const OCTOBER = parsePeriod('2026-10', NOW)!;
const SEPTEMBER = previousPeriod(OCTOBER);
const MIN = 60_000;

const SCOPE: LagesbildScopeInfo = {
  kind: 'districts',
  wholeCity: false,
  districts: [{ id: 'd1', name: 'Norra förvaltningen' }],
  units: [
    { id: 'u1', name: 'Ekonomiskt bistånd Norr', districtId: 'd1' },
    { id: 'u2', name: 'Barn och unga Norr', districtId: 'd1' },
    { id: 'u3', name: 'Vuxen Norr', districtId: 'd1' },
  ],
};

/** A case summary with the fields the lägesbild counts; times are minutes after the report. */
interface Spec {
  forms: Form[];
  unit: string;
  role: PerpetratorRole;
  place: Place;
  day: string;
  decided?: boolean;
  filed?: boolean;
  serious?: 'not-notified' | 'notified-late' | 'in-time';
  ack?: number;
  support?: number;
  close?: number;
}

let seq = 0;
function summary(s: Spec): CaseSummary {
  const reportedAt = new Date(`${s.day}T09:00:00Z`);
  const after = (minutes: number | undefined) => (minutes === undefined ? undefined : new Date(reportedAt.getTime() + minutes * MIN).toISOString());
  const policeRelevant = s.forms.some((f) => ['threat-self', 'threat-close', 'violence'].includes(f));
  seq++;
  return {
    incidentId: `inc-${seq}`,
    caseNumber: `2026-${String(seq).padStart(4, '0')}`,
    districtId: 'd1',
    unitId: s.unit,
    reportedAt: reportedAt.toISOString(),
    forms: s.forms,
    perpetratorRole: s.role,
    place: s.place,
    workArea: 'financial-aid',
    status: s.close === undefined ? 'in-progress' : 'closed',
    policeRelevant,
    policeDecision: s.decided ? 'employee-files' : undefined,
    policeFiled: s.filed,
    possiblySerious: s.serious !== undefined,
    seriousNotified: s.serious === undefined ? undefined : s.serious !== 'not-notified',
    seriousNotifiedInTime: s.serious === undefined ? undefined : s.serious === 'in-time',
    acknowledgedAt: after(s.ack),
    supportOfferedAt: after(s.support),
    closedAt: after(s.close),
    assigneeIds: ['m1'],
  };
}

function countersOf(cases: CaseSummary[]): Counters {
  return cases.reduce((sum, c) => addCounters(sum, contributionOf(c)), {} as Counters);
}

/**
 * October: 24 cases in district d1.
 * Cases 1–7 threat-self (1–2 also harassment), 8–10 threat-self + violence, 11–13 violence,
 * 14–18 threat-close, 19–24 harassment. Units: 1–14 u1, 15–22 u2, 23–24 u3. Roles: 1–15 client,
 * 16–20 relative, 21–24 unknown. Places: 1–10 reception, 11–19 phone, 20–24 home visit.
 * Police decision on 1–14, filed on 1–9. Possibly serious 5–14, all notified, 5–9 in time.
 * Acknowledged: 1–8 after 10 min, 9–15 after 45 min, 16–20 after 3 h. Support offered 1–4 after
 * 2 h. Closed: 1 after 2 days, 2–3 after 10 days, 4–6 after 20 days.
 */
function october(): CaseSummary[] {
  const out: CaseSummary[] = [];
  for (let i = 1; i <= 24; i++) {
    const forms: Form[] =
      i <= 7 ? (i <= 2 ? ['threat-self', 'harassment'] : ['threat-self'])
      : i <= 10 ? ['threat-self', 'violence']
      : i <= 13 ? ['violence']
      : i <= 18 ? ['threat-close']
      : ['harassment'];
    out.push(
      summary({
        forms,
        unit: i <= 14 ? 'u1' : i <= 22 ? 'u2' : 'u3',
        role: i <= 15 ? 'client' : i <= 20 ? 'relative' : 'unknown',
        place: i <= 10 ? 'reception' : i <= 19 ? 'phone' : 'home-visit',
        day: `2026-10-${String(1 + (i % 10)).padStart(2, '0')}`,
        decided: i <= 14,
        filed: i <= 9,
        serious: i >= 5 && i <= 14 ? (i <= 9 ? 'in-time' : 'notified-late') : undefined,
        ack: i <= 8 ? 10 : i <= 15 ? 45 : i <= 20 ? 180 : undefined,
        support: i <= 4 ? 120 : undefined,
        close: i === 1 ? 2 * 1440 : i <= 3 ? 10 * 1440 : i <= 6 ? 20 * 1440 : undefined,
      }),
    );
  }
  return out;
}

/** September: 15 cases, all u1/u2, client, reception: 1–6 threat-self, 7–10 violence, 11–15 harassment; 1–10 u1. */
function september(): CaseSummary[] {
  return Array.from({ length: 15 }, (_, k) => {
    const i = k + 1;
    const forms: Form[] = i <= 6 ? ['threat-self'] : i <= 10 ? ['violence'] : ['harassment'];
    return summary({ forms, unit: i <= 10 ? 'u1' : 'u2', role: 'client', place: 'reception', day: `2026-09-${String(10 + i)}` });
  });
}

function input(current: CaseSummary[], previous: CaseSummary[], patch: Partial<LagesbildInput> = {}): LagesbildInput {
  return {
    scope: SCOPE,
    period: OCTOBER,
    previousPeriod: SEPTEMBER,
    current: countersOf(current),
    previous: countersOf(previous),
    open: { open: 12, overdue: 6 },
    now: NOW,
    threshold: 5,
    ...patch,
  };
}

const trend = (difference: number, relative: number | undefined): Trend => ({ difference, relative });

/** A row as written by hand: code, this period, the previous one, the trend and the share. */
function row(code: string, cell: Cell, previous: Cell, t?: Trend, share?: number, extra: Partial<DimensionRow> = {}): DimensionRow {
  return { code, ...extra, cell, previous, ...(t ? { trend: t } : {}), ...(share === undefined ? {} : { share }) };
}

const rowsOf = (view: LagesbildView, key: string) => view.dimensions.find((d) => d.key === key)!.rows;

describe('lägesbild: every figure of a hand-computed card', () => {
  const view = buildLagesbild(input(october(), september()));

  it('names the scope, the period and the previous period, and the threshold', () => {
    assert.deepEqual(view.scope, SCOPE);
    assert.deepEqual(view.period, { label: '2026-10', from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' });
    assert.deepEqual(view.previousPeriod, { label: '2026-09', from: '2026-08-31T22:00:00.000Z', to: '2026-09-30T22:00:00.000Z' });
    assert.equal(view.threshold, 5);
    assert.equal(view.smallMark, '<5');
    assert.equal(view.generatedAt, NOW.toISOString());
  });

  it('total: 24 against 15, +9 (+60 %)', () => {
    assert.deepEqual(view.total, { cell: 24, previous: 15, trend: trend(9, 0.6) });
  });

  it('forms: no small count in October, so zeros show; September hides its 0–4 counts as <5', () => {
    assert.deepEqual(view.dimensions[0].key, 'form');
    assert.equal(view.dimensions[0].optionsKey, 'report.option.forms');
    assert.equal(view.dimensions[0].exclusive, false);
    assert.deepEqual(rowsOf(view, 'form'), [
      row('threat-self', 10, 6, trend(4, 4 / 6), 10 / 24),
      row('threat-close', 5, '<5', undefined, 5 / 24),
      row('violence', 6, '<5', undefined, 6 / 24),
      row('harassment', 8, 5, trend(3, 0.6), 8 / 24),
      row('damage', 0, '<5', undefined, 0),
      row('bribe', 0, '<5', undefined, 0),
      row('other', 0, '<5', undefined, 0),
    ]);
  });

  it('units: u3 has 2, which the sum would give away, so u3 and the smallest other (u2) are hidden', () => {
    const unit = (id: string) => ({ name: SCOPE.units.find((u) => u.id === id)!.name, districtId: 'd1' });
    assert.deepEqual(rowsOf(view, 'unit'), [
      row('u1', 14, 10, trend(4, 0.4), 14 / 24, unit('u1')),
      row('u2', '..', 5, undefined, undefined, unit('u2')),
      row('u3', '..', 0, undefined, undefined, unit('u3')),
    ]);
    assert.equal(view.dimensions[1].optionsKey, undefined);
  });

  it('perpetrator roles: unknown (4) is <5, and so is every zero beside it', () => {
    assert.deepEqual(rowsOf(view, 'perpetratorRole'), [
      row('client', 15, 15, trend(0, 0), 15 / 24),
      row('relative', 5, 0, trend(5, undefined), 5 / 24),
      row('external', '<5', 0),
      row('contractor', '<5', 0),
      row('colleague', '<5', 0),
      row('manager', '<5', 0),
      row('elected-official', '<5', 0),
      row('unknown', '<5', 0),
    ]);
  });

  it('places/channels: all shown, zeros included', () => {
    assert.deepEqual(rowsOf(view, 'place'), [
      row('reception', 10, 15, trend(-5, -1 / 3), 10 / 24),
      row('office', 0, 0, trend(0, undefined), 0),
      row('home-visit', 5, 0, trend(5, undefined), 5 / 24),
      row('phone', 9, 0, trend(9, undefined), 9 / 24),
      row('letter', 0, 0, trend(0, undefined), 0),
      row('email-sms', 0, 0, trend(0, undefined), 0),
      row('social-media', 0, 0, trend(0, undefined), 0),
      row('public-place', 0, 0, trend(0, undefined), 0),
      row('off-duty', 0, 0, trend(0, undefined), 0),
    ]);
  });

  it('areas of work: all financial aid', () => {
    assert.deepEqual(rowsOf(view, 'workArea'), [
      row('children-youth', 0, 0, trend(0, undefined), 0),
      row('financial-aid', 24, 15, trend(9, 0.6), 1),
      row('adults-addiction', 0, 0, trend(0, undefined), 0),
      row('disability-lss', 0, 0, trend(0, undefined), 0),
      row('elderly-care', 0, 0, trend(0, undefined), 0),
      row('other', 0, 0, trend(0, undefined), 0),
    ]);
  });

  it('police follow-up: 18 threat/violence cases; 14 decided is hidden (4 without), 9 filed = 50 %', () => {
    assert.deepEqual(view.police, {
      relevant: 18,
      decisionRecorded: { count: '..' },
      filed: { count: 9, share: 0.5 },
      withheld: false,
    });
  });

  it('possible allvarligt tillbud: 10, all notified, 5 of them on the day of the report', () => {
    assert.deepEqual(view.serious, {
      possiblySerious: 10,
      notified: { count: 10, share: 1 },
      notifiedInTime: { count: 5, share: 0.5 },
    });
  });

  it('medians: acknowledged 30–60 min (10th of 20), support too few (4), closed 7–14 days (3rd of 6)', () => {
    assert.deepEqual(view.medians, {
      acknowledge: { kind: 'range', fromMinutes: 30, toMinutes: 60 },
      supportOffered: { kind: 'too-few' },
      closed: { kind: 'range', fromMinutes: 7 * 1440, toMinutes: 14 * 1440 },
    });
  });

  it('open and overdue now: 12 open, 6 overdue', () => {
    assert.deepEqual(view.open, { open: 12, overdue: 6, asOf: NOW.toISOString() });
  });

  it('has exactly these parts (nothing unsuppressed slips in)', () => {
    assert.deepEqual(Object.keys(view).sort(), [
      'dimensions', 'generatedAt', 'medians', 'open', 'period', 'police', 'previousPeriod', 'scope', 'serious', 'smallMark', 'threshold', 'total',
    ]);
    assert.deepEqual(view.dimensions.map((d) => d.key), ['form', 'unit', 'perpetratorRole', 'place', 'workArea']);
  });
});

describe('lägesbild: suppression corner cases', () => {
  it('open 7, overdue 3: both small and the sum would pin them, so both open cells are hidden but the total', () => {
    const view = buildLagesbild(input(october(), september(), { open: { open: 7, overdue: 3 } }));
    assert.deepEqual([view.open.open, view.open.overdue], [7, '..']);
  });

  it('open 3: every open figure is <5', () => {
    const view = buildLagesbild(input(october(), september(), { open: { open: 3, overdue: 0 } }));
    assert.deepEqual([view.open.open, view.open.overdue], ['<5', '<5']);
  });

  it('a period with 3 cases shows <5 everywhere, no shares, no trends, no medians', () => {
    const few = october().slice(0, 3);
    const view = buildLagesbild(input(few, september()));
    assert.deepEqual(view.total, { cell: '<5', previous: 15 });
    for (const d of view.dimensions) for (const r of d.rows) assert.equal(r.cell, '<5', `${d.key} ${r.code}`);
    for (const d of view.dimensions) for (const r of d.rows) assert.equal(r.share, undefined);
    assert.deepEqual(view.police, { relevant: '<5', decisionRecorded: { count: '<5' }, filed: { count: '<5' }, withheld: false });
    assert.deepEqual(view.serious.possiblySerious, '<5');
    assert.deepEqual(view.medians.acknowledge, { kind: 'too-few' });
  });

  it('an empty period shows zeros and no shares', () => {
    const view = buildLagesbild(input([], []));
    assert.deepEqual(view.total, { cell: 0, previous: 0, trend: trend(0, undefined) });
    assert.deepEqual(view.police, { relevant: 0, decisionRecorded: { count: 0 }, filed: { count: 0 }, withheld: false });
    assert.deepEqual(view.serious.notifiedInTime, { count: 0 });
  });

  it('withholds the police block when a threat/violence form is <5 (the count would narrow it)', () => {
    // 8 threat-self, 2 threat-close, 6 harassment: threat-close is <5; 10 police cases would tell
    // that threat-close + violence ≥ 2.
    const cases = [
      ...Array.from({ length: 8 }, () => summary({ forms: ['threat-self'], unit: 'u1', role: 'client', place: 'phone', day: '2026-10-05' })),
      ...Array.from({ length: 2 }, () => summary({ forms: ['threat-close'], unit: 'u1', role: 'client', place: 'phone', day: '2026-10-05' })),
      ...Array.from({ length: 6 }, () => summary({ forms: ['harassment'], unit: 'u1', role: 'client', place: 'phone', day: '2026-10-05' })),
    ];
    const view = buildLagesbild(input(cases, []));
    assert.deepEqual(rowsOf(view, 'form').map((r) => r.cell), [8, '<5', '<5', 6, '<5', '<5', '<5']);
    assert.deepEqual(view.police, { relevant: '..', decisionRecorded: { count: '..' }, filed: { count: '..' }, withheld: true });
  });

  it('withholds it too when threat/violence forms overlap and hidden other forms must cover the rest', () => {
    // 10 threat-self + violence, 5 threat-self, 5 threat-close, 3 damage, 2 bribe: 20 police cases
    // of 25. Without the count an attacker knows only that the forms add up to at least 25; with
    // it, that the 5 other cases each have one of damage/bribe/… (all <5): they add up to ≥ 5.
    const mk = (forms: Form[], n: number) =>
      Array.from({ length: n }, () => summary({ forms, unit: 'u1', role: 'client', place: 'phone', day: '2026-10-05' }));
    const police = () => [...mk(['threat-self', 'violence'], 10), ...mk(['threat-self'], 5), ...mk(['threat-close'], 5)];
    const view = buildLagesbild(input([...police(), ...mk(['damage'], 3), ...mk(['bribe'], 2)], []));
    assert.deepEqual(rowsOf(view, 'form').map((r) => r.cell), [15, 5, 10, '<5', '<5', '<5', '<5']);
    assert.equal(view.police.withheld, true);
    assert.equal(view.police.relevant, '..');
    // The same with 5 damage: the damage count shown already accounts for the 5 other cases.
    const shown = buildLagesbild(input([...police(), ...mk(['damage'], 5)], []));
    assert.deepEqual(rowsOf(shown, 'form').map((r) => r.cell), [15, 5, 10, 0, 5, 0, 0]);
    assert.equal(shown.police.withheld, false);
    assert.equal(shown.police.relevant, 20);
  });

  it('the threshold is configurable: with 3, the 4 unknown perpetrators are shown and marks read <3', () => {
    const view = buildLagesbild(input(october(), september(), { threshold: 3 }));
    assert.equal(view.smallMark, '<3');
    assert.deepEqual(rowsOf(view, 'perpetratorRole').map((r) => r.cell), [15, 5, 0, 0, 0, 0, 0, 4]);
    assert.deepEqual(rowsOf(view, 'unit').map((r) => r.cell), [14, '..', '..']);
    assert.deepEqual(view.police.decisionRecorded, { count: 14, share: 14 / 18 });
    assert.deepEqual(view.medians.supportOffered, { kind: 'range', fromMinutes: 120, toMinutes: 240 });
  });

  it('lists a unit no longer in the organisation under its id, after the listed ones', () => {
    // u3's two cases now belong to u-old; u3 (0) and u-old (2) are both <5, which protects them.
    const cases = october().map((c) => (c.unitId === 'u3' ? { ...c, unitId: 'u-old' } : c));
    const view = buildLagesbild(input(cases, september()));
    assert.deepEqual(
      rowsOf(view, 'unit').map((r) => [r.code, r.name, r.districtId, r.cell]),
      [['u1', 'Ekonomiskt bistånd Norr', 'd1', 14], ['u2', 'Barn och unga Norr', 'd1', 8], ['u3', 'Vuxen Norr', 'd1', '<5'], ['u-old', 'u-old', undefined, '<5']],
    );
  });
});

describe('lägesbild: medians from time buckets', () => {
  it('takes the bucket of the ⌈n/2⌉-th time, and says when it is open-ended', () => {
    assert.deepEqual(median({ 'close:0': 2, 'close:5': 3 }, 'close', 5), { kind: 'range', fromMinutes: 240, toMinutes: 480 });
    assert.deepEqual(median({ 'close:0': 3, 'close:5': 3 }, 'close', 5), { kind: 'range', fromMinutes: 0, toMinutes: 15 });
    assert.deepEqual(median({ 'close:17': 5 }, 'close', 5), { kind: 'range', fromMinutes: 365 * 1440 });
    assert.deepEqual(median({ 'close:17': 4 }, 'close', 5), { kind: 'too-few' });
  });
});

describe('lägesbild scope (access.ts)', () => {
  const org: Organisation = {
    districts: [
      { id: 'd1', name: 'Norr', coordinatorIds: ['coord-1', 'coord-both'] },
      { id: 'd2', name: 'Söder', coordinatorIds: ['coord-both', 'coord-and-manager'] },
      { id: 'd3', name: 'Väster', coordinatorIds: [] },
    ],
    units: [
      { id: 'u1', name: 'U1', districtId: 'd1', managerId: 'mgr', deputyId: 'dep', secondLineManagerId: 'second', staffIds: ['staff'] },
      { id: 'u2', name: 'U2', districtId: 'd1', managerId: 'mgr2', secondLineManagerId: 'second', staffIds: [] },
      { id: 'u3', name: 'U3', districtId: 'd3', managerId: 'coord-and-manager', staffIds: [] },
    ],
    citySecurityIds: ['city', 'city-and-coord'],
    people: {},
    adminIds: ['admin'],
  };
  const cases: Array<[string, ReturnType<typeof lagesbildScope>]> = [
    ['city', { kind: 'districts', districtIds: ['d1', 'd2', 'd3'] }],
    ['coord-1', { kind: 'districts', districtIds: ['d1'] }],
    ['coord-both', { kind: 'districts', districtIds: ['d1', 'd2'] }],
    ['mgr', { kind: 'units', unitIds: ['u1'] }],
    ['dep', { kind: 'units', unitIds: ['u1'] }],
    ['second', { kind: 'units', unitIds: ['u1', 'u2'] }],
    ['staff', { kind: 'none' }],
    ['admin', { kind: 'none' }],
    ['stranger', { kind: 'none' }],
    // Several roles: the widest.
    ['coord-and-manager', { kind: 'districts', districtIds: ['d2'] }],
  ];
  for (const [person, scope] of cases) {
    it(`${person} → ${JSON.stringify(scope)}`, () => assert.deepEqual(lagesbildScope(org, person), scope));
  }
  it('city security who is also a coordinator sees the whole city', () => {
    const both = { ...org, districts: org.districts.map((d) => (d.id === 'd1' ? { ...d, coordinatorIds: ['city-and-coord'] } : d)) };
    assert.deepEqual(lagesbildScope(both, 'city-and-coord'), { kind: 'districts', districtIds: ['d1', 'd2', 'd3'] });
  });
});
