import { strict as assert } from 'node:assert';
import { caseRelation, detailViewers, handoverTargets, mayOnCase, mayViewDetails, type CaseAction } from '../../src/domain/access';
import { CASE_COMMANDS, type CaseCommand, type CaseCommandKind } from '../../src/domain/case-commands';
import { newCaseFile, type CaseFile } from '../../src/domain/case-file';
import { decideCase } from '../../src/domain/case-decisions';
import { parseCaseInput } from '../../src/domain/case-input';
import type { Incident } from '../../src/domain/incident';
import type { Organisation, Unit } from '../../src/domain/organisation';
import type { ReportAnswers } from '../../src/domain/report-schema';
import { recipientsFor } from '../../src/domain/routing';

/*
 * Issue #5, acceptance: every role × every action × (own case / other unit / other district) is
 * allowed exactly where it should be, and a refused person gets nothing of the report back.
 *
 * The organisation (aadObjectIds in the Playground's shape, 13 digits in the last group):
 *
 *   norr   norr-barn    manager mgrNb  deputy depNb  second line chiefNorr   safety rep safeNb  staff ann, bo
 *          norr-ekb     manager mgrNe  deputy depNe  second line chiefNorr   safety rep safeNe  staff cia
 *          norr-vuxen   manager mgrNv  deputy depNv  second line chiefNorr   safety rep safeNv  staff dan
 *          coordinators coordNorr, coordNorr2
 *   soder  soder-lss    manager mgrSl  deputy depSl  second line chiefSoder  safety rep safeSl  staff eva
 *          soder-aldre  manager mgrSa  deputy depSa  second line chiefSoder  safety rep safeSa  staff fia
 *          coordinators coordSoder
 *   city security sec; administrator admin
 *
 * The roles are seen from norr-barn, where Ann works. The three cases:
 *   own case        Ann's report about norr-barn, routed to her manager mgrNb
 *   other unit      Dan's report about norr-vuxen (same district), routed to mgrNv
 *   other district  Fia's report about soder-aldre, routed to mgrSa
 * None of the people in the role list is the reporter or the manager of the other two cases, so a
 * role keeps its meaning in all three columns.
 */
const PEOPLE = [
  'ann', 'bo', 'mgrNb', 'depNb', 'chiefNorr', 'safeNb',
  'cia', 'mgrNe', 'depNe', 'safeNe',
  'dan', 'mgrNv', 'depNv', 'safeNv',
  'eva', 'mgrSl', 'depSl', 'chiefSoder', 'safeSl',
  'fia', 'mgrSa', 'depSa', 'safeSa',
  'coordNorr', 'coordNorr2', 'coordSoder', 'sec', 'admin',
] as const;
type Person = (typeof PEOPLE)[number];

/** aadObjectIds: …0000000000021 for Ann, …022 for Bo, and so on. */
const ID = Object.fromEntries(
  PEOPLE.map((p, i) => [p, `00000000-0000-0000-0000-${String(21 + i).padStart(13, '0')}`]),
) as Record<Person, string>;

function unit(id: string, districtId: string, roles: Omit<Unit, 'id' | 'name' | 'districtId' | 'staffIds'>, staff: Person[]): Unit {
  return { id, name: `Enhet ${id}`, districtId, ...roles, staffIds: staff.map((p) => ID[p]) };
}

const ORG: Organisation = {
  districts: [
    { id: 'norr', name: 'Norra förvaltningen', coordinatorIds: [ID.coordNorr, ID.coordNorr2] },
    { id: 'soder', name: 'Södra förvaltningen', coordinatorIds: [ID.coordSoder] },
  ],
  units: [
    unit('norr-barn', 'norr', { managerId: ID.mgrNb, deputyId: ID.depNb, secondLineManagerId: ID.chiefNorr, safetyRepresentativeId: ID.safeNb }, ['ann', 'bo']),
    unit('norr-ekb', 'norr', { managerId: ID.mgrNe, deputyId: ID.depNe, secondLineManagerId: ID.chiefNorr, safetyRepresentativeId: ID.safeNe }, ['cia']),
    unit('norr-vuxen', 'norr', { managerId: ID.mgrNv, deputyId: ID.depNv, secondLineManagerId: ID.chiefNorr, safetyRepresentativeId: ID.safeNv }, ['dan']),
    unit('soder-lss', 'soder', { managerId: ID.mgrSl, deputyId: ID.depSl, secondLineManagerId: ID.chiefSoder, safetyRepresentativeId: ID.safeSl }, ['eva']),
    unit('soder-aldre', 'soder', { managerId: ID.mgrSa, deputyId: ID.depSa, secondLineManagerId: ID.chiefSoder, safetyRepresentativeId: ID.safeSa }, ['fia']),
  ],
  citySecurityIds: [ID.sec],
  people: Object.fromEntries(PEOPLE.map((p) => [ID[p], `Namn ${p}`])),
  absentIds: [],
  adminIds: [ID.admin],
};

const TENANT = '00000000-0000-0000-0000-0000000000001';
const REPORTED_AT = '2026-03-10T08:12:00.000Z'; // Tuesday 09:12 in Stockholm
const NOW = new Date('2026-03-10T13:30:00.000Z');
const DESCRIPTION = 'En klient hotade mig i receptionen och sa att han vet var jag bor.';

function report(unitId: string, patch: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    forms: ['threat-self'],
    purpose: 'yes',
    occurredAt: '2026-03-10T08:40',
    place: 'reception',
    workArea: 'children-youth',
    unitId,
    perpetratorRole: 'client',
    recurrence: 'first-time',
    target: 'me',
    injuries: ['none'],
    weapon: 'no',
    perceivedSerious: 'no',
    policeIntent: 'want-help',
    support: ['manager-today'],
    description: DESCRIPTION,
    ...patch,
  };
}

/** An open case as the reporting service creates it, with one planned measure (`m1`). */
function incident(n: number, reporter: Person, unitId: string, assignees: Person[], patch: Partial<ReportAnswers> = {}, caseFile: Partial<CaseFile> = {}): Incident {
  const districtId = ORG.units.find((u) => u.id === unitId)!.districtId;
  const base = newCaseFile(assignees.map((p) => ID[p]), new Date('2026-03-10T16:00:00.000Z'));
  return {
    id: `inc-draft-${n}`,
    caseNumber: `2026-${String(n).padStart(4, '0')}`,
    tenantId: TENANT,
    districtId,
    unitId,
    reporterId: ID[reporter],
    reporterName: `Namn ${reporter}`,
    reportedAt: REPORTED_AT,
    status: 'reported',
    version: 1,
    report: report(unitId, patch),
    case: {
      ...base,
      measures: [
        { id: 'm1', kind: 'risk-assessment', text: 'Riskbedömning av receptionen', ownerId: base.assigneeIds[0] ?? ID.coordNorr, dueDate: '2026-03-31', status: 'planned', by: base.assigneeIds[0] ?? ID.coordNorr, at: REPORTED_AT },
      ],
      ...caseFile,
    },
  };
}

type Relation = 'own case' | 'other unit' | 'other district';
const RELATIONS: Relation[] = ['own case', 'other unit', 'other district'];

function caseFor(relation: Relation, caseFile: Partial<CaseFile> = {}): Incident {
  switch (relation) {
    case 'own case':
      return incident(1, 'ann', 'norr-barn', ['mgrNb'], {}, caseFile);
    case 'other unit':
      return incident(2, 'dan', 'norr-vuxen', ['mgrNv'], {}, caseFile);
    case 'other district':
      return incident(3, 'fia', 'soder-aldre', ['mgrSa'], {}, caseFile);
  }
}

/** Written out from the rules, not derived from the code under test. */
const VIEW: CaseAction[] = ['view-details'];
const MANAGER_ACTIONS: CaseAction[] = [
  'acknowledge', 'contact', 'support', 'police', 'authority', 'measure-add', 'measure-status', 'feedback', 'forward', 'close', 'reopen',
];
const COORDINATOR_ACTIONS: CaseAction[] = ['security-note', 'high-threat', 'reassign'];
const ALL_ACTIONS: CaseAction[] = [...VIEW, ...MANAGER_ACTIONS, ...COORDINATOR_ACTIONS];

/** What a person may do with one case. */
type Rights = 'nothing' | 'view' | 'manage' | 'coordinate' | 'coordinate+manage';
const ACTIONS_OF: Record<Rights, CaseAction[]> = {
  nothing: [],
  view: VIEW,
  manage: [...VIEW, ...MANAGER_ACTIONS],
  coordinate: [...VIEW, ...COORDINATOR_ACTIONS],
  'coordinate+manage': ALL_ACTIONS,
};

interface Role {
  name: string;
  person: Person;
  /** own case, other unit, other district — an ordinary case. */
  rights: [Rights, Rights, Rights];
  /** The same three cases once they are escalated or reassigned to the coordinators. */
  escalated: [Rights, Rights, Rights];
}

// prettier-ignore
const ROLES: Role[] = [
  //                                                      own case             other unit           other district
  { name: 'reporter',                      person: 'ann',        rights: ['view',       'nothing',    'nothing'],
                                                                 escalated: ['view',    'nothing',    'nothing'] },
  { name: 'assigned manager',              person: 'mgrNb',      rights: ['manage',     'nothing',    'nothing'],
                                                                 escalated: ['manage',  'nothing',    'nothing'] },
  { name: 'deputy (not assigned)',         person: 'depNb',      rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'second-line manager',           person: 'chiefNorr',  rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'manager of another unit, same district', person: 'mgrNe', rights: ['nothing', 'nothing',   'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'manager in the other district', person: 'mgrSl',      rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'coordinator of the district',   person: 'coordNorr',  rights: ['coordinate', 'coordinate', 'nothing'],
                                                                 escalated: ['coordinate+manage', 'coordinate+manage', 'nothing'] },
  { name: 'second coordinator of the district', person: 'coordNorr2', rights: ['coordinate', 'coordinate', 'nothing'],
                                                                 escalated: ['coordinate+manage', 'coordinate+manage', 'nothing'] },
  { name: 'coordinator of the other district', person: 'coordSoder', rights: ['nothing', 'nothing',   'coordinate'],
                                                                 escalated: ['nothing', 'nothing',    'coordinate+manage'] },
  { name: 'city security',                 person: 'sec',        rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'safety representative',         person: 'safeNb',     rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'admin',                         person: 'admin',      rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
  { name: 'colleague (staff of the same unit)', person: 'bo',    rights: ['nothing',    'nothing',    'nothing'],
                                                                 escalated: ['nothing', 'nothing',    'nothing'] },
];

/** A valid form per command, as a card would send it (strings only). */
function rawFormFor(kind: CaseCommandKind, inc: Incident): Record<string, unknown> {
  const deputy = ORG.units.find((u) => u.id === inc.unitId)!.deputyId!;
  switch (kind) {
    case 'acknowledge':
    case 'close':
      return {};
    case 'contact':
      return { date: '2026-03-10' };
    case 'support':
      return { offers: 'same-day-talk,debriefing', response: 'accepted', followUpDate: '2026-03-17' };
    case 'police':
      return { decision: 'employee-files', filedBy: 'employee', filedDate: '2026-03-10', reference: '5000-K123456-26', protectedRequested: 'true' };
    case 'authority':
      return { injuryReportDate: '2026-03-10', safetyRepInformed: 'true' };
    case 'measure-add':
      return { measureKind: 'changed-routines', text: 'Två personer vid besök i receptionen', ownerId: deputy, dueDate: '2026-04-15' };
    case 'measure-status':
      return { measureId: 'm1', status: 'in-progress' };
    case 'feedback':
      return { text: 'Vi har gått igenom rutinerna i receptionen och bokat ett avlastningssamtal.' };
    case 'forward':
      return { toId: deputy };
    case 'reopen':
      return { reason: 'Klienten har hört av sig igen.' };
    case 'security-note':
      return { text: 'Larmknapp i receptionen kontrollerad.' };
    case 'high-threat':
      return { on: true, reason: 'Upprepade hot mot flera handläggare.' };
    case 'reassign':
      return { toId: 'coordinators' };
  }
}

function commandFor(kind: CaseCommandKind, inc: Incident): CaseCommand {
  const parsed = parseCaseInput(kind, rawFormFor(kind, inc), { now: NOW, possiblySerious: false, aimedAtWorkplace: false });
  assert.ok(parsed.ok, `the ${kind} form is valid: ${JSON.stringify(parsed)}`);
  return parsed.command;
}

const allowedIn = (rights: Rights, action: CaseAction): boolean => ACTIONS_OF[rights].includes(action);

describe('case access matrix (issue #5)', () => {
  it('covers every case command and view-details', () => {
    assert.deepEqual([...ALL_ACTIONS].sort(), [...CASE_COMMANDS, 'view-details'].sort());
    assert.equal(new Set(PEOPLE.map((p) => ID[p])).size, PEOPLE.length, 'one id per person');
  });

  it('the fixture cases are assigned as routing assigns them (the full-detail person recipients)', () => {
    const routedTo = (inc: Incident) =>
      recipientsFor(inc, ORG).flatMap((r) => (r.detail === 'full' && r.target.kind === 'person' ? [r.target.personId] : []));
    for (const relation of RELATIONS) assert.deepEqual(caseFor(relation).case.assigneeIds, routedTo(caseFor(relation)), relation);
    assert.deepEqual(routedTo(incident(6, 'ann', 'norr-barn', [], { perpetratorRole: 'manager' })), [ID.chiefNorr], 'bypass');
    assert.deepEqual(RELATIONS.map((r) => caseFor(r).districtId), ['norr', 'norr', 'soder']);
  });

  for (const escalated of [false, true]) {
    describe(escalated ? 'a case escalated to the coordinators (coordinatorsMayAct)' : 'an ordinary case', () => {
      for (const role of ROLES) {
        for (const [i, relation] of RELATIONS.entries()) {
          const rights = (escalated ? role.escalated : role.rights)[i];
          it(`${role.name} × ${relation} → ${rights}`, () => {
            const inc = caseFor(relation, { coordinatorsMayAct: escalated });
            const personId = ID[role.person];
            for (const action of ALL_ACTIONS) {
              assert.equal(mayOnCase(ORG, personId, action, inc), allowedIn(rights, action), `mayOnCase ${action}`);
            }
            assert.equal(mayViewDetails(ORG, personId, inc), allowedIn(rights, 'view-details'), 'mayViewDetails');
          });

          it(`${role.name} × ${relation}: decideCase refuses exactly the forbidden commands, revealing nothing`, () => {
            const inc = caseFor(relation, { coordinatorsMayAct: escalated });
            const personId = ID[role.person];
            for (const kind of CASE_COMMANDS) {
              const decision = decideCase(inc, commandFor(kind, inc), personId, ORG, NOW);
              if (allowedIn(rights, kind)) {
                assert.ok(decision.ok || decision.refusal !== 'forbidden', `${kind} is not forbidden`);
                if (decision.ok) {
                  assert.equal(decision.event.actorId, personId, `${kind}: the event names the actor`);
                  assert.equal(decision.next.version, inc.version + 1);
                }
              } else {
                assert.deepEqual(decision, { ok: false, refusal: 'forbidden' }, `${kind} is forbidden`);
                const text = JSON.stringify(decision);
                for (const secret of [DESCRIPTION, inc.reporterId, inc.reporterName, inc.caseNumber, 'm1']) {
                  assert.ok(!text.includes(secret), `${kind}: nothing of the case in the refusal`);
                }
              }
            }
          });
        }
      }
    });
  }

  describe('the reporter never acts on their own case', () => {
    it('a reporter who is also listed as an assignee may view but do nothing else', () => {
      const inc = incident(4, 'ann', 'norr-barn', ['ann', 'mgrNb']);
      assert.deepEqual(caseRelation(ORG, ID.ann, inc), { reporter: true, assignee: true, coordinator: false });
      assert.ok(mayOnCase(ORG, ID.ann, 'view-details', inc));
      for (const kind of CASE_COMMANDS) {
        assert.equal(mayOnCase(ORG, ID.ann, kind, inc), false, kind);
        assert.deepEqual(decideCase(inc, commandFor(kind, inc), ID.ann, ORG, NOW), { ok: false, refusal: 'forbidden' }, kind);
      }
      assert.ok(mayOnCase(ORG, ID.mgrNb, 'acknowledge', inc), 'the other assignee still may');
    });

    it('a coordinator who reports may view but has neither coordinator nor (escalated) manager commands', () => {
      for (const coordinatorsMayAct of [false, true]) {
        const inc = incident(5, 'coordNorr', 'norr-ekb', ['mgrNe'], {}, { coordinatorsMayAct });
        assert.deepEqual(caseRelation(ORG, ID.coordNorr, inc), { reporter: true, assignee: false, coordinator: true });
        assert.ok(mayOnCase(ORG, ID.coordNorr, 'view-details', inc));
        for (const kind of CASE_COMMANDS) assert.equal(mayOnCase(ORG, ID.coordNorr, kind, inc), false, `${kind}, mayAct ${coordinatorsMayAct}`);
        assert.ok(mayOnCase(ORG, ID.coordNorr2, 'security-note', inc), 'the district’s other coordinator may');
        assert.ok(!detailViewers(ORG, inc).includes(ID.coordNorr), 'the reporter is not among the channel’s detail viewers');
      }
    });
  });

  describe('routing never makes the reporter the handler', () => {
    it('a deputy reporting while the manager is absent: the second-line manager handles it, not the deputy', () => {
      const org = { ...ORG, absentIds: [ID.mgrNb] };
      const inc = incident(10, 'depNb', 'norr-barn', []);
      const full = recipientsFor(inc, org).filter((r) => r.detail === 'full');
      assert.deepEqual(full, [{ role: 'second-line-manager', target: { kind: 'person', personId: ID.chiefNorr }, detail: 'full' }]);
      assert.deepEqual(recipientsFor(incident(11, 'ann', 'norr-barn', []), org)[0].target, { kind: 'person', personId: ID.depNb }, 'the deputy still stands in for others');
    });
  });

  describe('bypass: a report about the manager', () => {
    // Routed past mgrNb to the second-line manager (routing.ts).
    const inc = incident(6, 'ann', 'norr-barn', ['chiefNorr'], { perpetratorRole: 'manager' });

    it('the bypassed manager is not an assignee, may not view and may not act', () => {
      assert.deepEqual(caseRelation(ORG, ID.mgrNb, inc), { reporter: false, assignee: false, coordinator: false });
      for (const action of ALL_ACTIONS) assert.equal(mayOnCase(ORG, ID.mgrNb, action, inc), false, action);
      assert.ok(!mayViewDetails(ORG, ID.mgrNb, inc));
      assert.ok(!detailViewers(ORG, inc).includes(ID.mgrNb));
    });

    it('the second-line manager handles it; the case cannot be handed to the bypassed manager', () => {
      for (const action of [...VIEW, ...MANAGER_ACTIONS]) assert.ok(mayOnCase(ORG, ID.chiefNorr, action, inc), action);
      assert.ok(!handoverTargets(ORG, inc).includes(ID.mgrNb));
      const forward = decideCase(inc, { kind: 'forward', toId: ID.mgrNb }, ID.chiefNorr, ORG, NOW);
      assert.deepEqual(forward, { ok: false, refusal: 'invalid-target', field: 'toId' });
      const reassign = decideCase(inc, { kind: 'reassign', toId: ID.mgrNb }, ID.coordNorr, ORG, NOW);
      assert.deepEqual(reassign, { ok: false, refusal: 'invalid-target', field: 'toId' });
    });
  });

  describe('forward: the case changes hands', () => {
    let after: Incident;
    before(() => {
      const decision = decideCase(incident(7, 'ann', 'norr-barn', ['mgrNb']), { kind: 'forward', toId: ID.mgrNe }, ID.mgrNb, ORG, NOW);
      assert.ok(decision.ok);
      after = decision.next;
    });

    it('the new assignee may view and act', () => {
      assert.deepEqual(after.case.assigneeIds, [ID.mgrNe]);
      for (const action of [...VIEW, ...MANAGER_ACTIONS]) assert.ok(mayOnCase(ORG, ID.mgrNe, action, after), action);
      for (const action of COORDINATOR_ACTIONS) assert.ok(!mayOnCase(ORG, ID.mgrNe, action, after), action);
    });

    it('the previous assignee can no longer view or act', () => {
      for (const action of ALL_ACTIONS) assert.equal(mayOnCase(ORG, ID.mgrNb, action, after), false, action);
      assert.deepEqual(decideCase(after, { kind: 'acknowledge' }, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'forbidden' });
      assert.deepEqual(decideCase(after, { kind: 'forward', toId: ID.depNb }, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'forbidden' });
    });

    it('the reporter and the coordinators keep what they had', () => {
      assert.ok(mayViewDetails(ORG, ID.ann, after));
      assert.ok(!mayOnCase(ORG, ID.ann, 'acknowledge', after));
      assert.ok(mayOnCase(ORG, ID.coordNorr, 'security-note', after));
      assert.ok(!mayOnCase(ORG, ID.coordNorr, 'acknowledge', after));
    });
  });

  describe('reassign to the coordinators', () => {
    it('lets the district’s coordinators act as the manager, and no one else gains anything', () => {
      const before = incident(8, 'ann', 'norr-barn', ['mgrNb']);
      assert.ok(!mayOnCase(ORG, ID.coordNorr, 'feedback', before));
      const decision = decideCase(before, { kind: 'reassign', toId: 'coordinators' }, ID.coordNorr, ORG, NOW);
      assert.ok(decision.ok);
      assert.equal(decision.next.case.coordinatorsMayAct, true);
      assert.ok(mayOnCase(ORG, ID.coordNorr, 'feedback', decision.next));
      assert.ok(mayOnCase(ORG, ID.coordNorr2, 'close', decision.next));
      assert.ok(!mayOnCase(ORG, ID.coordSoder, 'view-details', decision.next));
      assert.ok(!mayOnCase(ORG, ID.sec, 'view-details', decision.next));
    });
  });

  describe('the actor is whoever the activity names, never card data', () => {
    it('a command naming someone else is decided for the actor, not for the named person', () => {
      const inc = incident(9, 'ann', 'norr-barn', ['mgrNb']);
      // A forged form cannot smuggle an actor: unknown fields are dropped by the parser.
      const parsed = parseCaseInput('feedback', { text: 'Klart.', actorId: ID.mgrNb, by: ID.mgrNb }, { now: NOW, possiblySerious: false, aimedAtWorkplace: false });
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.command, { kind: 'feedback', text: 'Klart.' });
      assert.deepEqual(decideCase(inc, parsed.command, ID.bo, ORG, NOW), { ok: false, refusal: 'forbidden' });
      const ok = decideCase(inc, parsed.command, ID.mgrNb, ORG, NOW);
      assert.ok(ok.ok);
      assert.equal(ok.next.case.feedback?.by, ID.mgrNb);
    });
  });
});
