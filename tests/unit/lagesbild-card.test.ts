import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { fixedDirectory } from '../../src/directory/directory';
import type { LagesbildView } from '../../src/domain/lagesbild-view';
import type { CaseSummary } from '../../src/domain/lagesbild-types';
import type { Organisation } from '../../src/domain/organisation';
import { projectDir } from '../../src/project-paths';
import { CardRenderer } from '../../src/teams/card-renderer';
import { CaseListViews } from '../../src/teams/case-list-views';
import { LagesbildViews, medianText } from '../../src/teams/lagesbild-views';
import { elements, text as allText } from '../helpers/cards';

// The browser bundle parses (and validates) cards without a DOM; the package's main entry is ESM-only.
const AC = require(path.join(projectDir(), 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js'));

/** The card's text without the blank filler of the bars. */
const text = (card: any): string => allText(card).replace(/\n\u00a0(?=\n|$)/g, '');

const renderer = new CardRenderer(path.join(projectDir(), 'cards'));

/** Parses a card as the Adaptive Cards SDK does and returns every warning and validation failure. */
function cardProblems(card: unknown): string[] {
  if (JSON.stringify(card).includes('${')) return ['an expression was not expanded'];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}

const period = { label: '30d', from: '2026-10-24T22:00:00.000Z', to: '2026-11-23T10:00:00.000Z' };
const previousPeriod = { label: '2026-09-24..2026-10-24', from: '2026-09-23T22:00:00.000Z', to: '2026-10-24T22:00:00.000Z' };

/** A view as the service returns it for Södra, 30 days: 12 reports, some groups with hidden counts. */
export function fixtureView(over: Partial<LagesbildView> = {}): LagesbildView {
  const row = (code: string, cell: LagesbildView['total']['cell'], previous: LagesbildView['total']['cell'] = 0, name?: string) => ({
    code,
    name,
    cell,
    previous,
    trend: typeof cell === 'number' && typeof previous === 'number' ? { difference: cell - previous, relative: previous ? (cell - previous) / previous : undefined } : undefined,
  });
  return {
    scope: {
      kind: 'districts',
      wholeCity: false,
      districts: [{ id: 'sodra', name: 'Södra förvaltningen' }],
      units: [{ id: 'barn-unga-syd', name: 'Barn och unga Syd', districtId: 'sodra' }, { id: 'ekonomiskt-bistand-syd', name: 'Ekonomiskt bistånd Syd', districtId: 'sodra' }],
    },
    period,
    previousPeriod,
    threshold: 5,
    smallMark: '<5',
    total: { cell: 12, previous: 9, trend: { difference: 3, relative: 1 / 3 } },
    dimensions: [
      { key: 'form', optionsKey: 'report.option.forms', exclusive: false, rows: [row('threat-self', 8, 6), row('threat-close', '<5'), row('violence', '<5'), row('harassment', 6, 2), row('damage', '<5'), row('bribe', '<5'), row('other', '<5')] },
      { key: 'unit', exclusive: true, rows: [row('barn-unga-syd', 12, 9, 'Barn och unga Syd'), row('ekonomiskt-bistand-syd', 0, 0, 'Ekonomiskt bistånd Syd')] },
      { key: 'perpetratorRole', optionsKey: 'report.option.perpetratorRole', exclusive: true, rows: [row('client', 7, 5), row('relative', '..'), row('external', '..'), row('contractor', 0), row('colleague', 0), row('manager', 0), row('elected-official', 0), row('unknown', 0)] },
      { key: 'place', optionsKey: 'report.option.place', exclusive: true, rows: [row('reception', 12, 9), row('office', 0), row('home-visit', 0), row('phone', 0), row('letter', 0), row('email-sms', 0), row('social-media', 0), row('public-place', 0), row('off-duty', 0)] },
      { key: 'workArea', optionsKey: 'report.option.workArea', exclusive: true, rows: [row('children-youth', 12, 9), row('financial-aid', 0), row('adults-addiction', 0), row('disability-lss', 0), row('elderly-care', 0), row('other', 0)] },
    ],
    police: { relevant: 10, decisionRecorded: { count: 8, share: 0.8 }, filed: { count: '..' }, withheld: false },
    serious: { possiblySerious: '<5', notified: { count: '<5' }, notifiedInTime: { count: '<5' } },
    medians: { acknowledge: { kind: 'range', fromMinutes: 60, toMinutes: 120 }, supportOffered: { kind: 'range', fromMinutes: 1440, toMinutes: 2880 }, closed: { kind: 'too-few' } },
    open: { open: 7, overdue: '<5', asOf: '2026-11-23T10:00:00.000Z' },
    generatedAt: '2026-11-23T10:00:00.000Z',
    ...over,
  };
}

/** The bar (a coloured Container) with this id, and the weight of its column in its ColumnSet. */
function barWeight(card: any, id: string): number | undefined {
  for (const set of elements(card).filter((e) => e.type === 'ColumnSet')) {
    const column = set.columns.find((c: any) => c.items?.some((i: any) => i.id === id));
    if (column) return column.width;
  }
  return undefined;
}

describe('lägesbild cards', () => {
  const views = new LagesbildViews(renderer);

  it('parses without warnings in the Adaptive Cards SDK (1.5), in both languages', () => {
    for (const locale of ['sv-SE', 'en-US'] as const) {
      const card = views.card(fixtureView(), locale);
      assert.equal(card.version, '1.5');
      assert.deepEqual(cardProblems(card), [], locale);
      assert.doesNotMatch(JSON.stringify(card), /\$\{/, 'every expression expanded');
    }
  });

  it('shows the headline figures with the trend, the period and the comparison', () => {
    const shown = text(views.card(fixtureView(), 'sv-SE'));
    assert.match(shown, /Lägesbild – Södra förvaltningen/);
    assert.match(shown, /30d: 2026-10-25 – 2026-11-23\. Jämförs med 2026-09-24 – 2026-10-24\./);
    assert.match(shown, /Rapporter\n12\n\+3 \(\+33\u00a0%\) mot förra perioden \(9\)/);
    assert.match(shown, /Öppna nu\n7/);
    assert.match(shown, /Försenade nu\n<5/);
  });

  it('draws one bar per shown count, as wide as its share of the reports, and none for hidden counts', () => {
    const card = views.card(fixtureView(), 'sv-SE');
    for (const key of ['form', 'unit', 'perpetratorRole', 'place', 'workArea', 'police']) {
      assert.ok(elements(card).some((e) => e.id === `chart-${key}`), `chart ${key}`);
    }
    assert.equal(barWeight(card, 'bar-form-threat-self'), 67, '8 of 12');
    assert.equal(barWeight(card, 'bar-form-harassment'), 50, '6 of 12');
    assert.equal(barWeight(card, 'bar-unit-barn-unga-syd'), 100);
    assert.equal(barWeight(card, 'bar-perpetratorRole-client'), 58);
    for (const hidden of ['bar-form-violence', 'bar-perpetratorRole-relative', 'bar-unit-ekonomiskt-bistand-syd', 'bar-police-filed']) {
      assert.equal(barWeight(card, hidden), undefined, `no bar for ${hidden}`);
    }
    assert.equal(barWeight(card, 'bar-police-decision'), 80);
    const shown = text(card);
    assert.match(shown, /Hot mot mig\n8 \(\+2\)/, 'label, count and change');
    assert.match(shown, /Våld\n<5/);
    assert.match(shown, /Anhörig till klient\n\.\./);
    assert.match(shown, /Beslut om polisanmälan registrerat\n80\u00a0%/);
    assert.match(shown, /Polisanmält\n\.\./);
    assert.match(shown, /Ärenden med hot eller våld: 10/);
    assert.match(shown, /Ett ärende kan ha flera former/);
    assert.match(shown, /Enhet\nBarn och unga Syd\n12 \(\+3\)\nInga ärenden: Ekonomiskt bistånd Syd\./, 'zero rows named in one line, no bar');
    assert.match(shown, /Inga ärenden: Leverantör eller entreprenör, Kollega, Chef, Förtroendevald, Okänd\./);
    assert.doesNotMatch(shown, /Kollega\n0/);
  });

  it('shows median times as ranges, and possible serious incidents', () => {
    const shown = text(views.card(fixtureView(), 'sv-SE'));
    assert.match(shown, /Till kvittens\n1–2 tim/);
    assert.match(shown, /Till erbjudet stöd\n1–2 dagar/);
    assert.match(shown, /Till avslutat ärende\nför få ärenden för att visa/);
    assert.match(shown, /Möjliga allvarliga tillbud\nAntal\n<5/);
    assert.match(shown, /Antal under 5 visas som <5/);
    assert.equal(medianText({ kind: 'range', fromMinutes: 0, toMinutes: 15 }, 'sv-SE'), 'under 15 min');
    assert.equal(medianText({ kind: 'range', fromMinutes: 480, toMinutes: 1440 }, 'sv-SE'), '8 tim – 1 dag');
    assert.equal(medianText({ kind: 'range', fromMinutes: 30, toMinutes: 60 }, 'en-US'), '30 min – 1 h');
    assert.equal(medianText({ kind: 'range', fromMinutes: 525_600 }, 'en-US'), 'over 365 days');
  });

  it('says so when there were no reports, and withholds the police block when it would point at cases', () => {
    const empty = fixtureView({
      total: { cell: 0, previous: '<5' },
      police: { relevant: '..', decisionRecorded: { count: '..' }, filed: { count: '..' }, withheld: true },
    });
    const card = views.card(empty, 'en-US');
    assert.deepEqual(cardProblems(card), []);
    const shown = text(card);
    assert.match(shown, /No reports in the period/);
    assert.match(shown, /Previous period: <5/);
    assert.match(shown, /Not shown for this period/);
    assert.ok(!elements(card).some((e) => e.id === 'chart-form'), 'no empty charts');
    assert.ok(!elements(card).some((e) => typeof e.id === 'string' && e.id.startsWith('bar-')), 'no bars');
  });

  describe('case lists', () => {
    const org: Organisation = {
      districts: [{ id: 'sodra', name: 'Södra förvaltningen', coordinatorIds: ['c'] }],
      units: [{ id: 'barn-unga-syd', name: 'Barn och unga Syd', districtId: 'sodra', managerId: 'm', staffIds: [] }],
      citySecurityIds: [],
      people: { m: 'Megan Bowen' },
    };
    const lists = new CaseListViews(renderer, fixedDirectory(org));
    const now = new Date('2026-11-23T10:00:00Z');
    const summary = (n: number, over: Partial<CaseSummary> = {}): CaseSummary => ({
      incidentId: `inc-${n}`, caseNumber: `2026-000${n}`, districtId: 'sodra', unitId: 'barn-unga-syd', reportedAt: '2026-11-20T09:00:00Z',
      forms: ['threat-self', 'harassment'], perpetratorRole: 'client', place: 'reception', workArea: 'children-youth', status: 'reported',
      policeRelevant: true, possiblySerious: false, nextDeadline: '2026-11-21T15:00:00Z', assigneeIds: ['m'], ...over,
    });

    it('lists case number, forms, unit, age, next deadline and who holds it; each case opens with case.view', () => {
      const card = lists.list({ rows: [summary(1), summary(2, { reportedAt: '2026-11-23T07:00:00Z', nextDeadline: '2026-11-24T15:00:00Z' })], total: 12, page: 1, pageSize: 10 }, { overdueOnly: false, showHolders: true, now }, 'sv-SE');
      assert.deepEqual(cardProblems(card), []);
      const shown = text(card);
      assert.match(shown, /Öppna ärenden\n12 ärenden · sida 1 av 2/);
      assert.match(shown, /2026-0001\nHot mot mig, Trakasserier\nBarn och unga Syd · för 3 d sedan\nNästa tidsgräns: 2026-11-21 16:00 – passerad\nHanteras av: Megan Bowen/);
      assert.match(shown, /2026-0002\n.*\nBarn och unga Syd · i dag/);
      const rows = elements(card).filter((e) => e.selectAction);
      assert.deepEqual(rows.map((r) => r.selectAction.verb), ['case.view', 'case.view']);
      assert.deepEqual(rows.map((r) => r.selectAction.data), [{ incidentId: 'inc-1' }, { incidentId: 'inc-2' }]);
      const pager = elements(card).filter((e) => e.verb === 'cases.page');
      assert.deepEqual(pager.map((a) => a.data), [{ overdueOnly: false, page: 2 }], 'only a next page from the first');
    });

    it('leaves out who holds the cases when the list is shown in a channel, and says when there are none', () => {
      const card = lists.list({ rows: [summary(1)], total: 21, page: 3, pageSize: 10 }, { overdueOnly: true, showHolders: false, now }, 'en-US');
      assert.doesNotMatch(JSON.stringify(card), /Megan/);
      assert.match(text(card), /Overdue cases\n21 cases · page 3 of 3/);
      assert.deepEqual(elements(card).filter((e) => e.verb === 'cases.page').map((a) => a.data), [{ overdueOnly: true, page: 2 }]);
      const empty = lists.list({ rows: [], total: 0, page: 1, pageSize: 10 }, { overdueOnly: true, showHolders: true, now }, 'sv-SE');
      assert.match(text(empty), /Inga försenade ärenden just nu/);
      assert.deepEqual(cardProblems(empty), []);
    });

    it('has a short command help and a case opener that parse cleanly', () => {
      assert.deepEqual(cardProblems(lists.help('sv-SE')), []);
      assert.match(text(lists.help('sv-SE')), /lägesbild \[period\] \[förvaltning\][\s\S]*30d, 12v, 2026, 2026-Q3/);
      const opener = lists.caseOpener('inc-1', '2026-0001', 'sv-SE');
      assert.deepEqual(cardProblems(opener), []);
      assert.deepEqual(opener.actions?.[0], { type: 'Action.Execute', title: 'Visa ärendet', verb: 'case.view', data: { incidentId: 'inc-1' } });
    });
  });
});
