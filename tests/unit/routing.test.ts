import { strict as assert } from 'node:assert';
import type { Organisation, Unit } from '../../src/domain/organisation';
import { PERPETRATOR_ROLES, type PerpetratorRole, type ReportAnswers } from '../../src/domain/report-schema';
import {
  isPossiblySerious,
  recipientsFor,
  responsibleUnit,
  type Recipient,
  type RoutableIncident,
} from '../../src/domain/routing';

/*
 * A small organisation, two districts:
 *
 *   norr   norr-barn    manager mgr-nb   deputy dep-nb   second line chief-norr   staff ann, bo
 *          norr-ekb     manager mgr-ne   (no deputy)     second line chief-norr   staff cia
 *          norr-vuxen   manager mgr-nv   deputy dep-nv   (no second line)         staff dan
 *   soder  soder-lss    manager mgr-sl   deputy dep-sl   second line chief-soder  staff eva
 *          soder-aldre  manager mgr-sa   deputy dep-sa   second line chief-soder  (no staff)
 *
 * City security: sec-1, sec-2. Absent by default: mgr-sa. `vikarie` belongs to no unit.
 */
function unit(id: string, districtId: string, managerId: string, roles: Partial<Unit>, staffIds: string[]): Unit {
  return { id, name: `Enhet ${id}`, districtId, managerId, ...roles, staffIds };
}

const ORG: Organisation = {
  districts: [
    { id: 'norr', name: 'Norra förvaltningen', coordinatorIds: ['coord-norr'] },
    { id: 'soder', name: 'Södra förvaltningen', coordinatorIds: ['coord-soder-1', 'coord-soder-2'] },
  ],
  units: [
    unit('norr-barn', 'norr', 'mgr-nb', { deputyId: 'dep-nb', secondLineManagerId: 'chief-norr', safetyRepresentativeId: 'safe-n' }, ['ann', 'bo']),
    unit('norr-ekb', 'norr', 'mgr-ne', { secondLineManagerId: 'chief-norr' }, ['cia']),
    unit('norr-vuxen', 'norr', 'mgr-nv', { deputyId: 'dep-nv' }, ['dan']),
    unit('soder-lss', 'soder', 'mgr-sl', { deputyId: 'dep-sl', secondLineManagerId: 'chief-soder' }, ['eva']),
    unit('soder-aldre', 'soder', 'mgr-sa', { deputyId: 'dep-sa', secondLineManagerId: 'chief-soder' }, []),
  ],
  citySecurityIds: ['sec-1', 'sec-2'],
  people: Object.fromEntries(
    [
      'mgr-nb', 'dep-nb', 'chief-norr', 'safe-n', 'ann', 'bo', 'mgr-ne', 'cia', 'mgr-nv', 'dep-nv', 'dan',
      'mgr-sl', 'dep-sl', 'chief-soder', 'eva', 'mgr-sa', 'dep-sa', 'coord-norr', 'coord-soder-1', 'coord-soder-2',
      'sec-1', 'sec-2', 'vikarie',
    ].map((id) => [id, `Name of ${id}`]),
  ),
  absentIds: ['mgr-sa'],
};

/** The district of each unit, as the reporting service sets `incident.districtId`. */
const DISTRICT_OF: Record<string, string> = Object.fromEntries(ORG.units.map((u) => [u.id, u.districtId]));

/** A complete report that is not a possible allvarligt tillbud: a client's threat, no weapon, no injury. */
function report(patch: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    forms: ['threat-self'],
    purpose: 'yes',
    occurredAt: '2026-11-20T14:30',
    place: 'reception',
    workArea: 'children-youth',
    unitId: 'norr-barn',
    perpetratorRole: 'client',
    recurrence: 'first-time',
    target: 'me',
    injuries: ['none'],
    weapon: 'no',
    perceivedSerious: 'no',
    policeIntent: 'want-help',
    support: ['manager-today'],
    description: 'En klient hotade mig i receptionen efter ett beslut.',
    ...patch,
  };
}

/** An incident reported by `reporterId` about an event in `unitId`. */
function incident(reporterId: string, unitId: string, patch: Partial<ReportAnswers> = {}): RoutableIncident {
  return { reporterId, unitId, districtId: DISTRICT_OF[unitId] ?? 'norr', report: report({ unitId, ...patch }) };
}

/** The fixture organisation with some fields replaced (absent people, city security). */
function orgWith(patch: Partial<Organisation>): Organisation {
  return { ...ORG, ...patch };
}

const full = (role: Recipient['role'], personId: string): Recipient => ({ role, target: { kind: 'person', personId }, detail: 'full' });
const redacted = (role: Recipient['role'], personId: string): Recipient => ({ role, target: { kind: 'person', personId }, detail: 'redacted' });
const channel = (districtId: string): Recipient => ({
  role: 'security-coordinator',
  target: { kind: 'district-channel', districtId },
  detail: 'redacted',
});
const CITY_SECURITY = [redacted('city-security', 'sec-1'), redacted('city-security', 'sec-2')];

const personIdsOf = (recipients: Recipient[]): string[] =>
  recipients.flatMap((r) => (r.target.kind === 'person' ? [r.target.personId] : []));

/** Rules that hold for every routing result. */
function assertInvariants(recipients: Recipient[], inc: RoutableIncident, org: Organisation): void {
  const channels = recipients.filter((r) => r.target.kind === 'district-channel');
  assert.deepEqual(channels, [channel(inc.districtId)], 'exactly one district channel, the incident’s, redacted');
  for (const r of recipients) {
    if (r.detail === 'full') {
      assert.ok(['manager', 'deputy', 'second-line-manager'].includes(r.role), `full detail only to managers, not ${r.role}`);
      assert.equal(r.target.kind, 'person', 'full detail only in 1:1 chats');
    }
  }
  const ids = personIdsOf(recipients);
  assert.deepEqual(ids, [...new Set(ids)], `no person twice: ${ids.join(', ')}`);
  const unit = responsibleUnit(inc, org);
  if (unit && inc.report.perpetratorRole === 'manager') {
    assert.ok(!ids.includes(unit.managerId), 'the manager never receives a report about a manager');
    if (unit.deputyId) assert.ok(!ids.includes(unit.deputyId), 'nor the deputy');
  }
}

interface Row {
  rule: string;
  incident: RoutableIncident;
  expected: Recipient[];
  org?: Organisation;
}

const row = (rule: string, inc: RoutableIncident, expected: Recipient[], org?: Organisation): Row => ({ rule, incident: inc, expected, org });

const ROWS: Row[] = [
  row('the manager of the reporter’s own unit gets the full report 1:1',
    incident('ann', 'norr-barn'),
    [full('manager', 'mgr-nb'), channel('norr')]),
  row('the own unit’s manager gets it even when the event happened in another unit of the district',
    incident('bo', 'norr-ekb'),
    [full('manager', 'mgr-nb'), channel('norr')]),
  row('the own unit’s manager gets it even when the event happened in another district; that district’s channel is told',
    incident('ann', 'soder-lss'),
    [full('manager', 'mgr-nb'), channel('soder')]),
  row('a reporter with no own unit → the manager of the event’s unit',
    incident('vikarie', 'soder-lss'),
    [full('manager', 'mgr-sl'), channel('soder')]),
  row('a reporter with no own unit and an unknown event unit → nobody 1:1, only the coordinators',
    { reporterId: 'vikarie', unitId: 'nedlagd-enhet', districtId: 'norr', report: report({ unitId: 'nedlagd-enhet' }) },
    [channel('norr')]),
  row('manager marked absent → the deputy instead, never the manager',
    incident('ann', 'norr-barn'),
    [full('deputy', 'dep-nb'), channel('norr')], orgWith({ absentIds: ['mgr-nb'] })),
  row('manager marked absent (organisation default) → the deputy, also for a reporter with no own unit',
    incident('vikarie', 'soder-aldre'),
    [full('deputy', 'dep-sa'), channel('soder')]),
  row('an absent deputy does not matter while the manager is present',
    incident('ann', 'norr-barn'),
    [full('manager', 'mgr-nb'), channel('norr')], orgWith({ absentIds: ['dep-nb'] })),
  row('absent manager without a deputy → the second-line manager',
    incident('cia', 'norr-ekb'),
    [full('second-line-manager', 'chief-norr'), channel('norr')], orgWith({ absentIds: ['mgr-ne'] })),
  row('absent manager with neither deputy nor second-line manager → still the manager',
    incident('dan', 'norr-vuxen'),
    [full('manager', 'mgr-nv'), channel('norr')], orgWith({ absentIds: ['mgr-nv', 'dep-nv'] })),
  row('a report by the unit’s own manager goes to the second-line manager',
    incident('mgr-sl', 'soder-lss'),
    [full('second-line-manager', 'chief-soder'), channel('soder')]),
  row('no absentIds at all → the manager',
    incident('eva', 'soder-lss'),
    [full('manager', 'mgr-sl'), channel('soder')], orgWith({ absentIds: undefined })),
  row('perpetrator role "manager" → the second-line manager, never the manager nor the deputy',
    incident('ann', 'norr-barn', { perpetratorRole: 'manager' }),
    [full('second-line-manager', 'chief-norr'), channel('norr')]),
  row('perpetrator role "manager" with the manager absent → still the second-line manager, not the deputy',
    incident('ann', 'norr-barn', { perpetratorRole: 'manager' }),
    [full('second-line-manager', 'chief-norr'), channel('norr')], orgWith({ absentIds: ['mgr-nb'] })),
  row('perpetrator role "manager", reporter with no own unit → the second-line manager of the event’s unit',
    incident('vikarie', 'soder-lss', { perpetratorRole: 'manager' }),
    [full('second-line-manager', 'chief-soder'), channel('soder')]),
  row('perpetrator role "manager" follows the reporter’s own unit, not the event’s',
    incident('eva', 'norr-barn', { perpetratorRole: 'manager' }),
    [full('second-line-manager', 'chief-soder'), channel('norr')]),
  row('bypass without a second-line manager → nobody 1:1, only the coordinators',
    incident('dan', 'norr-vuxen', { perpetratorRole: 'manager' }),
    [channel('norr')]),
  row('bypass without a second-line manager and the manager absent → still nobody 1:1',
    incident('dan', 'norr-vuxen', { perpetratorRole: 'manager' }),
    [channel('norr')], orgWith({ absentIds: ['mgr-nv'] })),
  row('a colleague as perpetrator is not a bypass: the manager',
    incident('ann', 'norr-barn', { perpetratorRole: 'colleague' }),
    [full('manager', 'mgr-nb'), channel('norr')]),
  row('violence with physical injury → every city security person gets a redacted 1:1',
    incident('ann', 'norr-barn', { forms: ['violence'], injuries: ['physical'] }),
    [full('manager', 'mgr-nb'), channel('norr'), ...CITY_SECURITY]),
  row('violence with psychological injury → city security',
    incident('ann', 'norr-barn', { forms: ['threat-self', 'violence'], injuries: ['psychological'] }),
    [full('manager', 'mgr-nb'), channel('norr'), ...CITY_SECURITY]),
  row('a weapon used → city security',
    incident('eva', 'soder-lss', { forms: ['threat-self'], weapon: 'yes' }),
    [full('manager', 'mgr-sl'), channel('soder'), ...CITY_SECURITY]),
  row('perceived as serious → city security',
    incident('eva', 'soder-lss', { forms: ['threat-close'], perceivedSerious: 'yes' }),
    [full('manager', 'mgr-sl'), channel('soder'), ...CITY_SECURITY]),
  row('serious with bypass → the second-line manager in full, city security redacted',
    incident('ann', 'norr-barn', { perpetratorRole: 'manager', weapon: 'yes' }),
    [full('second-line-manager', 'chief-norr'), channel('norr'), ...CITY_SECURITY]),
  row('serious with bypass and no second-line manager → coordinators and city security only',
    incident('dan', 'norr-vuxen', { perpetratorRole: 'manager', perceivedSerious: 'yes' }),
    [channel('norr'), ...CITY_SECURITY]),
  row('serious with the manager absent → the deputy in full, city security redacted',
    incident('vikarie', 'soder-aldre', { forms: ['violence'], injuries: ['physical', 'psychological'] }),
    [full('deputy', 'dep-sa'), channel('soder'), ...CITY_SECURITY]),
  row('serious with no city security configured → nobody extra',
    incident('ann', 'norr-barn', { weapon: 'yes' }),
    [full('manager', 'mgr-nb'), channel('norr')], orgWith({ citySecurityIds: [] })),
  row('not serious: a threat without a weapon → no city security',
    incident('ann', 'norr-barn', { forms: ['threat-self', 'threat-close'] }),
    [full('manager', 'mgr-nb'), channel('norr')]),
  row('not serious: violence without injury → no city security',
    incident('ann', 'norr-barn', { forms: ['violence'], injuries: ['none'] }),
    [full('manager', 'mgr-nb'), channel('norr')]),
  row('not serious: harassment with psychological injury but no violence → no city security',
    incident('ann', 'norr-barn', { forms: ['harassment'], injuries: ['psychological'] }),
    [full('manager', 'mgr-nb'), channel('norr')]),
  row('not serious: damage and a bribe → no city security',
    incident('cia', 'norr-ekb', { forms: ['damage', 'bribe'], perpetratorRole: 'external' }),
    [full('manager', 'mgr-ne'), channel('norr')]),
  row('no duplicates: a city security person who is also the responsible manager is told once, in full',
    incident('ann', 'norr-barn', { weapon: 'yes' }),
    [full('manager', 'mgr-nb'), channel('norr'), redacted('city-security', 'sec-2')], orgWith({ citySecurityIds: ['mgr-nb', 'sec-2'] })),
  row('no duplicates: a city security person who is also the second-line manager is told once, in full',
    incident('eva', 'soder-lss', { perpetratorRole: 'manager', perceivedSerious: 'yes' }),
    [full('second-line-manager', 'chief-soder'), channel('soder'), redacted('city-security', 'sec-1')],
    orgWith({ citySecurityIds: ['sec-1', 'chief-soder'] })),
  row('no duplicates: an id listed twice under city security is told once',
    incident('ann', 'norr-barn', { weapon: 'yes' }),
    [full('manager', 'mgr-nb'), channel('norr'), redacted('city-security', 'sec-1')], orgWith({ citySecurityIds: ['sec-1', 'sec-1'] })),
];

describe('routing', () => {
  describe('recipientsFor: one rule per row', () => {
    for (const { rule, incident: inc, expected, org = ORG } of ROWS) {
      it(rule, () => {
        const recipients = recipientsFor(inc, org);
        assert.deepEqual(recipients, expected);
        assertInvariants(recipients, inc, org);
      });
    }

    it('does not change the organisation or the incident', () => {
      const inc = incident('ann', 'norr-barn', { perpetratorRole: 'manager', weapon: 'yes' });
      const before = JSON.stringify({ inc, ORG });
      recipientsFor(inc, ORG);
      assert.equal(JSON.stringify({ inc, ORG }), before);
    });
  });

  describe('isPossiblySerious', () => {
    const cases: Array<[string, Partial<ReportAnswers>, boolean]> = [
      ['violence with physical injury', { forms: ['violence'], injuries: ['physical'] }, true],
      ['violence with psychological injury', { forms: ['violence'], injuries: ['psychological'] }, true],
      ['violence among other forms, both injuries', { forms: ['harassment', 'violence'], injuries: ['physical', 'psychological'] }, true],
      ['a weapon or object used, no injury', { forms: ['threat-self'], weapon: 'yes' }, true],
      ['a weapon with damage only', { forms: ['damage'], weapon: 'yes' }, true],
      ['perceived as serious (e.g. a death threat)', { forms: ['threat-self'], perceivedSerious: 'yes' }, true],
      ['perceived as serious, threat against someone close', { forms: ['threat-close'], perceivedSerious: 'yes' }, true],
      ['a threat without a weapon, not perceived serious', { forms: ['threat-self'] }, false],
      ['violence without injury', { forms: ['violence'], injuries: ['none'] }, false],
      ['violence with no injury answer at all', { forms: ['violence'], injuries: [] }, false],
      ['psychological injury from harassment, no violence', { forms: ['harassment'], injuries: ['psychological'] }, false],
      ['physical injury without violence among the forms', { forms: ['other'], injuries: ['physical'] }, false],
      ['a bribe', { forms: ['bribe'] }, false],
    ];
    for (const [name, patch, expected] of cases) {
      it(`${name} → ${expected ? 'possibly serious' : 'not serious'}`, () => {
        assert.equal(isPossiblySerious(report(patch)), expected);
      });
    }
  });

  describe('responsibleUnit', () => {
    const cases: Array<[string, RoutableIncident, string | undefined]> = [
      ['staff: their own unit', incident('ann', 'norr-barn'), 'norr-barn'],
      ['staff reporting an event elsewhere: still their own unit', incident('eva', 'norr-ekb'), 'soder-lss'],
      ['a manager: the unit they manage', incident('mgr-ne', 'soder-lss'), 'norr-ekb'],
      ['a deputy: the unit they deputise for', incident('dep-sl', 'norr-barn'), 'soder-lss'],
      ['no own unit: the event’s unit', incident('vikarie', 'norr-vuxen'), 'norr-vuxen'],
      ['no own unit, unknown event unit: none', { ...incident('vikarie', 'norr-barn'), unitId: 'nedlagd-enhet' }, undefined],
    ];
    for (const [name, inc, expected] of cases) {
      it(name, () => {
        assert.equal(responsibleUnit(inc, ORG)?.id, expected);
      });
    }
  });

  describe('invariants over every perpetrator role × manager absent/present × serious/not', () => {
    const reporters = [...ORG.units.flatMap((u) => u.staffIds), 'vikarie'];
    const serious: Partial<ReportAnswers> = { forms: ['violence'], injuries: ['physical'] };

    /** Who should come first: worked out from the rules, independently of the code under test. */
    function expectedFirst(inc: RoutableIncident, org: Organisation): Recipient | undefined {
      const unit = ORG.units.find((u) => u.staffIds.includes(inc.reporterId)) ?? ORG.units.find((u) => u.id === inc.unitId);
      if (!unit) return undefined;
      if (inc.report.perpetratorRole === 'manager') {
        return unit.secondLineManagerId ? full('second-line-manager', unit.secondLineManagerId) : undefined;
      }
      const absent = org.absentIds ?? [];
      if (!absent.includes(unit.managerId)) return full('manager', unit.managerId);
      if (unit.deputyId && !absent.includes(unit.deputyId)) return full('deputy', unit.deputyId);
      if (unit.secondLineManagerId && !absent.includes(unit.secondLineManagerId)) return full('second-line-manager', unit.secondLineManagerId);
      return full('manager', unit.managerId);
    }

    for (const role of PERPETRATOR_ROLES as readonly PerpetratorRole[]) {
      it(`perpetrator role "${role}"`, () => {
        let checked = 0;
        for (const reporterId of reporters) {
          for (const unit of ORG.units) {
            const own = responsibleUnit(incident(reporterId, unit.id), ORG)!;
            for (const absentIds of [[], [own.managerId]]) {
              for (const patch of [{}, serious]) {
                const org = orgWith({ absentIds });
                const inc = incident(reporterId, unit.id, { perpetratorRole: role, ...patch });
                const recipients = recipientsFor(inc, org);
                const context = `${reporterId} about ${unit.id}, absent [${absentIds.join()}], ${JSON.stringify(patch)}`;

                assertInvariants(recipients, inc, org);
                const ids = personIdsOf(recipients);
                if (role === 'manager') {
                  assert.ok(!ids.includes(own.managerId), `manager told about a manager: ${context}`);
                }
                const first = expectedFirst(inc, org);
                if (first) assert.deepEqual(recipients[0], first, `first recipient: ${context}`);
                else assert.equal(recipients[0].target.kind, 'district-channel', `nobody responsible: ${context}`);
                assert.equal(
                  recipients.filter((r) => r.role === 'city-security').length,
                  patch === serious ? ORG.citySecurityIds.length : 0,
                  `city security iff serious: ${context}`,
                );
                assert.equal(recipients.filter((r) => r.detail === 'full').length, first ? 1 : 0, `one full recipient: ${context}`);
                checked++;
              }
            }
          }
        }
        assert.equal(checked, reporters.length * ORG.units.length * 4);
      });
    }
  });
});
