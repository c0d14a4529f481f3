import { strict as assert } from 'node:assert';
import { handoverTargets } from '../../src/domain/access';
import { CASE_COMMANDS, type CaseCommand, type CaseCommandKind } from '../../src/domain/case-commands';
import { newCaseFile, type CaseFile } from '../../src/domain/case-file';
import { closeRequirements, decideCase, measureOwners, type CaseDecision } from '../../src/domain/case-decisions';
import type { Incident } from '../../src/domain/incident';
import type { Organisation } from '../../src/domain/organisation';
import type { ReportAnswers } from '../../src/domain/report-schema';

/*
 *   norr   norr-barn   manager mgrNb  deputy depNb  second line chiefNorr  safety rep safeNb  staff ann, bo
 *          norr-ekb    manager mgrNe  deputy depNe  second line chiefNorr                     staff cia
 *          coordinators coordNorr
 *   soder  soder-lss   manager mgrSl  deputy depSl                                            staff eva
 *          coordinators coordSoder
 */
const PEOPLE = ['ann', 'bo', 'mgrNb', 'depNb', 'chiefNorr', 'safeNb', 'cia', 'mgrNe', 'depNe', 'eva', 'mgrSl', 'depSl', 'coordNorr', 'coordSoder', 'sec'] as const;
type Person = (typeof PEOPLE)[number];
const ID = Object.fromEntries(
  PEOPLE.map((p, i) => [p, `00000000-0000-0000-0000-${String(21 + i).padStart(13, '0')}`]),
) as Record<Person, string>;

const ORG: Organisation = {
  districts: [
    { id: 'norr', name: 'Norra förvaltningen', coordinatorIds: [ID.coordNorr] },
    { id: 'soder', name: 'Södra förvaltningen', coordinatorIds: [ID.coordSoder] },
  ],
  units: [
    { id: 'norr-barn', name: 'Barn och unga', districtId: 'norr', managerId: ID.mgrNb, deputyId: ID.depNb, secondLineManagerId: ID.chiefNorr, safetyRepresentativeId: ID.safeNb, staffIds: [ID.ann, ID.bo] },
    { id: 'norr-ekb', name: 'Ekonomiskt bistånd', districtId: 'norr', managerId: ID.mgrNe, deputyId: ID.depNe, secondLineManagerId: ID.chiefNorr, staffIds: [ID.cia] },
    { id: 'soder-lss', name: 'LSS', districtId: 'soder', managerId: ID.mgrSl, deputyId: ID.depSl, staffIds: [ID.eva] },
  ],
  citySecurityIds: [ID.sec],
  people: Object.fromEntries(PEOPLE.map((p) => [ID[p], `Namn ${p}`])),
};

const REPORTED_AT = '2026-03-10T08:12:00.000Z';
const NOW = new Date('2026-03-10T13:30:00.000Z');
const LATER = new Date('2026-03-12T09:05:00.000Z');

function report(patch: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    forms: ['harassment'],
    purpose: 'yes',
    occurredAt: '2026-03-10T08:40',
    place: 'phone',
    workArea: 'children-youth',
    unitId: 'norr-barn',
    perpetratorRole: 'relative',
    recurrence: 'repeated',
    target: 'me',
    injuries: ['none'],
    weapon: 'no',
    perceivedSerious: 'no',
    policeIntent: 'unsure',
    support: ['manager-today'],
    description: 'En förälder ringer flera gånger om dagen och kallar mig saker.',
    ...patch,
  };
}

/** Ann's report about norr-barn, routed to mgrNb, version 1. */
function incident(patch: Partial<ReportAnswers> = {}, caseFile: Partial<CaseFile> = {}, reporter: Person = 'ann', assignees: Person[] = ['mgrNb']): Incident {
  return {
    id: 'inc-7f3c9a',
    caseNumber: '2026-0042',
    tenantId: '00000000-0000-0000-0000-0000000000001',
    districtId: 'norr',
    unitId: 'norr-barn',
    reporterId: ID[reporter],
    reporterName: `Namn ${reporter}`,
    reportedAt: REPORTED_AT,
    status: 'reported',
    version: 1,
    report: report(patch),
    case: { ...newCaseFile(assignees.map((p) => ID[p]), new Date('2026-03-10T16:00:00.000Z')), ...caseFile },
  };
}

function ok(decision: CaseDecision): Extract<CaseDecision, { ok: true }> {
  assert.ok(decision.ok, `expected a decision, got ${JSON.stringify(decision)}`);
  return decision;
}

/** Applies commands in order, each by its actor, returning the final incident. */
function run(start: Incident, steps: Array<[CaseCommand, Person]>, now = NOW): Incident {
  return steps.reduce((inc, [command, actor]) => ok(decideCase(inc, command, ID[actor], ORG, now)).next, start);
}

const FEEDBACK: CaseCommand = { kind: 'feedback', text: 'Vi har spärrat numret i växeln och bokat ett samtal med familjen.' };
const POLICE: CaseCommand = { kind: 'police', decision: 'employee-files', filedBy: 'employee', filedDate: '2026-03-10', protectedRequested: false };

/** A command of each kind that is valid on an open norr-barn case with a measure m1. */
const SAMPLE: Record<CaseCommandKind, CaseCommand> = {
  acknowledge: { kind: 'acknowledge' },
  contact: { kind: 'contact', date: '2026-03-10' },
  support: { kind: 'support', offers: ['debriefing'], response: 'accepted' },
  police: POLICE,
  authority: { kind: 'authority', injuryReportDate: '2026-03-10' },
  'measure-add': { kind: 'measure-add', measureKind: 'training', text: 'Utbildning i bemötande', ownerId: ID.depNb, dueDate: '2026-04-01' },
  'measure-status': { kind: 'measure-status', measureId: 'm1', status: 'done' },
  feedback: FEEDBACK,
  forward: { kind: 'forward', toId: ID.mgrNe },
  close: { kind: 'close' },
  reopen: { kind: 'reopen', reason: 'Nya samtal.' },
  'security-note': { kind: 'security-note', text: 'Växeln informerad.' },
  'high-threat': { kind: 'high-threat', on: true },
  reassign: { kind: 'reassign', toId: ID.mgrNe },
};
const COORDINATOR_KINDS: CaseCommandKind[] = ['security-note', 'high-threat', 'reassign'];
const actorFor = (kind: CaseCommandKind): Person => (COORDINATOR_KINDS.includes(kind) ? 'coordNorr' : 'mgrNb');

describe('case decisions', () => {
  describe('status', () => {
    it('reported → acknowledged → in-progress → closed → reopened (in-progress) → closed again', () => {
      let inc = incident();
      assert.equal(inc.status, 'reported');
      inc = run(inc, [[{ kind: 'acknowledge' }, 'mgrNb']]);
      assert.equal(inc.status, 'acknowledged');
      assert.deepEqual(inc.case.acknowledged, { by: ID.mgrNb, at: NOW.toISOString() });
      inc = run(inc, [[{ kind: 'contact', date: '2026-03-10' }, 'mgrNb']]);
      assert.equal(inc.status, 'in-progress');
      inc = run(inc, [[FEEDBACK, 'mgrNb'], [{ kind: 'close' }, 'mgrNb']]);
      assert.equal(inc.status, 'closed');
      assert.deepEqual(inc.case.closed, { by: ID.mgrNb, at: NOW.toISOString() });
      inc = run(inc, [[{ kind: 'reopen', reason: 'Föräldern har ringt igen.' }, 'mgrNb']], LATER);
      assert.equal(inc.status, 'in-progress');
      assert.equal(inc.case.closed, undefined);
      assert.deepEqual(inc.case.acknowledged, { by: ID.mgrNb, at: NOW.toISOString() }, 'the first acknowledgement stands');
      inc = run(inc, [[{ kind: 'close' }, 'mgrNb']], LATER);
      assert.equal(inc.status, 'closed');
      assert.equal(inc.version, 7);
    });

    it('acknowledging twice keeps the first acknowledgement', () => {
      const inc = run(incident(), [[{ kind: 'acknowledge' }, 'mgrNb']]);
      const again = ok(decideCase(inc, { kind: 'acknowledge' }, ID.mgrNb, ORG, LATER)).next;
      assert.deepEqual(again.case.acknowledged, { by: ID.mgrNb, at: NOW.toISOString() });
      assert.equal(again.status, 'acknowledged');
    });

    for (const kind of ['contact', 'support', 'police', 'authority', 'measure-add', 'feedback'] as const) {
      it(`${kind} on a reported case acknowledges it implicitly and puts it in progress`, () => {
        const next = ok(decideCase(incident(), SAMPLE[kind], ID.mgrNb, ORG, NOW)).next;
        assert.deepEqual(next.case.acknowledged, { by: ID.mgrNb, at: NOW.toISOString() });
        assert.equal(next.status, 'in-progress');
      });
    }

    it('forward does not acknowledge: the new handler does, and is reminded until they have', () => {
      const next = ok(decideCase(incident(), SAMPLE.forward, ID.mgrNb, ORG, NOW)).next;
      assert.equal(next.case.acknowledged, undefined);
      assert.equal(next.status, 'reported');
    });

    for (const kind of COORDINATOR_KINDS) {
      it(`the coordinator’s ${kind} does not acknowledge the case for the manager`, () => {
        const next = ok(decideCase(incident(), SAMPLE[kind], ID.coordNorr, ORG, NOW)).next;
        assert.equal(next.case.acknowledged, undefined);
        assert.equal(next.status, 'reported');
      });
    }

    it('a coordinator acting as the manager on an escalated case acknowledges it', () => {
      const next = ok(decideCase(incident({}, { coordinatorsMayAct: true }), { kind: 'acknowledge' }, ID.coordNorr, ORG, NOW)).next;
      assert.deepEqual(next.case.acknowledged, { by: ID.coordNorr, at: NOW.toISOString() });
    });
  });

  describe('what each command records', () => {
    it('contact, support, police and authority are stamped with who and when', () => {
      const inc = run(incident(), [
        [{ kind: 'contact', date: '2026-03-10' }, 'mgrNb'],
        [{ kind: 'support', offers: ['same-day-talk', 'occupational-health'], response: 'accepted', followUpDate: '2026-03-17' }, 'mgrNb'],
        [{ kind: 'police', decision: 'not-filed', reason: 'Den anställda avstår.', protectedRequested: false }, 'mgrNb'],
        [{ kind: 'authority', seriousAssessment: 'not-serious', reason: 'Inga hot om våld.' }, 'mgrNb'],
        [{ kind: 'authority', injuryReportDate: '2026-03-10', safetyRepInformed: true }, 'mgrNb'],
      ]);
      const stamp = { by: ID.mgrNb, at: NOW.toISOString() };
      assert.deepEqual(inc.case.contact, { ...stamp, date: '2026-03-10' });
      assert.deepEqual(inc.case.support, { ...stamp, offers: ['same-day-talk', 'occupational-health'], response: 'accepted', followUpDate: '2026-03-17' });
      assert.deepEqual(inc.case.police, { ...stamp, decision: 'not-filed', reason: 'Den anställda avstår.', protectedRequested: false });
      const authority = { ...stamp, seriousAssessment: 'not-serious', reason: 'Inga hot om våld.', injuryReportDate: '2026-03-10', safetyRepInformed: true };
      assert.deepEqual(inc.case.authority, authority, 'a second authority form adds to the first');
    });

    it('measures get ids m1, m2 … and start planned; a status change touches only that measure', () => {
      const inc = run(incident(), [
        [SAMPLE['measure-add'], 'mgrNb'],
        [{ kind: 'measure-add', measureKind: 'premises', text: 'Lås till personalingången', ownerId: ID.coordNorr, dueDate: '2026-05-01' }, 'mgrNb'],
        [{ kind: 'measure-status', measureId: 'm2', status: 'in-progress' }, 'mgrNb'],
      ]);
      assert.deepEqual(inc.case.measures.map((m) => [m.id, m.kind, m.ownerId, m.dueDate, m.status]), [
        ['m1', 'training', ID.depNb, '2026-04-01', 'planned'],
        ['m2', 'premises', ID.coordNorr, '2026-05-01', 'in-progress'],
      ]);
    });

    it('feedback is what the reporter sees in "my reports"', () => {
      const next = ok(decideCase(incident(), FEEDBACK, ID.mgrNb, ORG, NOW)).next;
      assert.equal(next.feedback, (FEEDBACK as { text: string }).text);
      assert.deepEqual(next.case.feedback, { by: ID.mgrNb, at: NOW.toISOString(), text: (FEEDBACK as { text: string }).text });
    });

    it('security notes append, oldest first; high threat turns on and off', () => {
      const inc = run(incident(), [
        [{ kind: 'security-note', text: 'Första.' }, 'coordNorr'],
        [{ kind: 'high-threat', on: true, reason: 'Upprepat.' }, 'coordNorr'],
        [{ kind: 'security-note', text: 'Andra.' }, 'coordNorr'],
      ]);
      assert.deepEqual(inc.case.securityNotes.map((n) => n.text), ['Första.', 'Andra.']);
      assert.equal(inc.case.highThreat, true);
      assert.equal(run(inc, [[{ kind: 'high-threat', on: false }, 'coordNorr']]).case.highThreat, false);
    });

    it('does not change the incident it was given', () => {
      const inc = incident();
      for (const kind of CASE_COMMANDS) decideCase(inc, SAMPLE[kind], ID[actorFor(kind)], ORG, NOW);
      assert.deepEqual(inc, incident());
    });
  });

  describe('closing', () => {
    const rows: Array<[string, Partial<ReportAnswers>, string[]]> = [
      ['harassment, no injury: only feedback', {}, ['feedback']],
      ['a threat against the employee: the police decision', { forms: ['threat-self'] }, ['police', 'feedback']],
      ['a threat against someone close: the police decision', { forms: ['threat-close', 'harassment'] }, ['police', 'feedback']],
      ['violence without injury: the police decision', { forms: ['violence'] }, ['police', 'feedback']],
      ['damage with a weapon (possibly serious): the serious assessment', { forms: ['damage'], weapon: 'yes' }, ['serious-assessment', 'feedback']],
      ['perceived as serious: the serious assessment', { perceivedSerious: 'yes' }, ['serious-assessment', 'feedback']],
      ['harassment with psychological injury: the injury report', { injuries: ['psychological'] }, ['injury-report', 'feedback']],
      ['violence with physical injury: all four', { forms: ['violence'], injuries: ['physical'] }, ['police', 'serious-assessment', 'injury-report', 'feedback']],
    ];
    for (const [name, patch, missing] of rows) {
      it(`refused with the exact missing list — ${name}`, () => {
        const inc = incident(patch);
        assert.deepEqual(closeRequirements(inc), missing);
        assert.deepEqual(decideCase(inc, { kind: 'close' }, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'cannot-close', missing });
      });
    }

    it('closes once everything is recorded, and tells the reporter', () => {
      const inc = run(incident({ forms: ['violence'], injuries: ['physical'] }), [
        [POLICE, 'mgrNb'],
        [{ kind: 'authority', seriousAssessment: 'notified', notifiedDate: '2026-03-10', receiptId: 'AV-1' }, 'mgrNb'],
      ]);
      assert.deepEqual(closeRequirements(inc), ['injury-report', 'feedback']);
      const ready = run(inc, [[{ kind: 'authority', injuryReportDate: '2026-03-10' }, 'mgrNb'], [FEEDBACK, 'mgrNb']]);
      assert.deepEqual(closeRequirements(ready), []);
      const closed = ok(decideCase(ready, { kind: 'close' }, ID.mgrNb, ORG, NOW));
      assert.equal(closed.next.status, 'closed');
      const reporter = { kind: 'person', personId: ID.ann };
      assert.deepEqual(closed.notifications.map((n) => [n.id, n.kind, n.role, n.target, n.detail]), [[`inc-7f3c9a:v${ready.version + 1}:closed`, 'closed', 'reporter', reporter, 'full']]);
    });

    it('a closed case refuses every command but reopen, from the people who may act', () => {
      const closed = run(incident(), [[FEEDBACK, 'mgrNb'], [{ kind: 'close' }, 'mgrNb']]);
      for (const kind of CASE_COMMANDS) {
        const decision = decideCase(closed, SAMPLE[kind], ID[actorFor(kind)], ORG, LATER);
        if (kind === 'reopen') assert.ok(decision.ok, 'reopen');
        else assert.deepEqual(decision, { ok: false, refusal: 'closed' }, kind);
      }
    });

    it('reopen is refused on an open case', () => {
      assert.deepEqual(decideCase(incident(), SAMPLE.reopen, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'not-closed' });
    });

    it('a person without rights is refused as forbidden before anything about the state is said', () => {
      const closed = run(incident(), [[FEEDBACK, 'mgrNb'], [{ kind: 'close' }, 'mgrNb']]);
      assert.deepEqual(decideCase(closed, SAMPLE.contact, ID.bo, ORG, LATER), { ok: false, refusal: 'forbidden' });
      assert.deepEqual(decideCase(incident(), SAMPLE.reopen, ID.bo, ORG, LATER), { ok: false, refusal: 'forbidden' });
      assert.deepEqual(decideCase(incident({ forms: ['violence'] }), { kind: 'close' }, ID.bo, ORG, NOW), { ok: false, refusal: 'forbidden' });
    });
  });

  describe('measures', () => {
    it('may be given to anyone with a role or a unit in the case’s district, and its coordinators', () => {
      const district: Person[] = ['mgrNb', 'depNb', 'chiefNorr', 'safeNb', 'ann', 'bo', 'mgrNe', 'depNe', 'cia', 'coordNorr'];
      assert.deepEqual(new Set(measureOwners(ORG, incident())), new Set(district.map((p) => ID[p])));
    });

    for (const outsider of ['mgrSl', 'eva', 'coordSoder', 'sec'] as const) {
      it(`an owner outside the district (${outsider}) → invalid-target`, () => {
        const command: CaseCommand = { ...(SAMPLE['measure-add'] as Extract<CaseCommand, { kind: 'measure-add' }>), ownerId: ID[outsider] };
        assert.deepEqual(decideCase(incident(), command, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'invalid-target', field: 'ownerId' });
      });
    }

    it('an owner nobody knows → invalid-target', () => {
      const command: CaseCommand = { kind: 'measure-add', measureKind: 'other', text: 'x', ownerId: '00000000-0000-0000-0000-0000000000999', dueDate: '2026-04-01' };
      assert.deepEqual(decideCase(incident(), command, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'invalid-target', field: 'ownerId' });
    });

    it('a status change for a measure that does not exist → unknown-measure', () => {
      const status = (measureId: string): CaseCommand => ({ kind: 'measure-status', measureId, status: 'done' });
      assert.deepEqual(decideCase(incident(), status('m1'), ID.mgrNb, ORG, NOW), { ok: false, refusal: 'unknown-measure', field: 'measureId' });
      const withOne = run(incident(), [[SAMPLE['measure-add'], 'mgrNb']]);
      assert.deepEqual(decideCase(withOne, status('m2'), ID.mgrNb, ORG, NOW), { ok: false, refusal: 'unknown-measure', field: 'measureId' });
      assert.ok(decideCase(withOne, status('m1'), ID.mgrNb, ORG, NOW).ok);
    });
  });

  describe('hand-over: forward and reassign', () => {
    it('targets are the district’s managers, deputies and second-line managers, not the current assignees', () => {
      assert.deepEqual(handoverTargets(ORG, incident()), [ID.depNb, ID.chiefNorr, ID.mgrNe, ID.depNe]);
    });

    it('never the reporter, even when the reporter is a manager of the district', () => {
      const byDeputy = incident({}, {}, 'depNb', ['mgrNb']);
      assert.deepEqual(handoverTargets(ORG, byDeputy), [ID.chiefNorr, ID.mgrNe, ID.depNe]);
      assert.deepEqual(decideCase(byDeputy, { kind: 'forward', toId: ID.depNb }, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'invalid-target', field: 'toId' });
    });

    it('never the manager the report is about (bypass)', () => {
      const bypass = incident({ perpetratorRole: 'manager' }, {}, 'ann', ['chiefNorr']);
      const targets = handoverTargets(ORG, bypass);
      assert.ok(!targets.includes(ID.mgrNb));
      assert.ok(!targets.includes(ID.chiefNorr), 'already handling it');
      assert.ok(targets.includes(ID.mgrNe));
      assert.deepEqual(decideCase(bypass, { kind: 'forward', toId: ID.mgrNb }, ID.chiefNorr, ORG, NOW), { ok: false, refusal: 'invalid-target', field: 'toId' });
    });

    it('not to someone already handling it, not outside the district, not to staff', () => {
      for (const to of ['mgrNb', 'mgrSl', 'coordSoder', 'bo', 'safeNb'] as const) {
        assert.deepEqual(decideCase(incident(), { kind: 'forward', toId: ID[to] }, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'invalid-target', field: 'toId' }, to);
      }
      assert.deepEqual(decideCase(incident(), { kind: 'forward', toId: 'coordinators' }, ID.mgrNb, ORG, NOW), { ok: false, refusal: 'invalid-target', field: 'toId' });
    });

    it('forward replaces the forwarding person and notifies the new assignee', () => {
      const d = ok(decideCase(incident(), { kind: 'forward', toId: ID.mgrNe }, ID.mgrNb, ORG, NOW));
      assert.deepEqual(d.next.case.assigneeIds, [ID.mgrNe]);
      const to = { kind: 'person', personId: ID.mgrNe };
      assert.deepEqual(d.notifications.map((n) => [n.id, n.kind, n.role, n.target, n.detail, n.incidentId, n.districtId]), [
        [`inc-7f3c9a:v2:to-${ID.mgrNe}`, 'handover', 'assignee', to, 'full', 'inc-7f3c9a', 'norr'],
      ]);
    });

    it('forward by one of two assignees keeps the other', () => {
      const d = ok(decideCase(incident({}, {}, 'ann', ['mgrNb', 'depNb']), { kind: 'forward', toId: ID.chiefNorr }, ID.depNb, ORG, NOW));
      assert.deepEqual(d.next.case.assigneeIds, [ID.mgrNb, ID.chiefNorr]);
    });

    it('reassign to a person replaces everyone handling it and notifies them', () => {
      const d = ok(decideCase(incident({}, {}, 'ann', ['mgrNb', 'depNb']), { kind: 'reassign', toId: ID.mgrNe }, ID.coordNorr, ORG, NOW));
      assert.deepEqual(d.next.case.assigneeIds, [ID.mgrNe]);
      assert.equal(d.next.case.coordinatorsMayAct, false);
      assert.deepEqual(d.notifications.map((n) => [n.id, n.kind]), [[`inc-7f3c9a:v2:to-${ID.mgrNe}`, 'handover']]);
    });

    it('reassign to "coordinators" lets them act as the manager; the assignees stay, nobody is messaged', () => {
      const d = ok(decideCase(incident(), { kind: 'reassign', toId: 'coordinators' }, ID.coordNorr, ORG, NOW));
      assert.equal(d.next.case.coordinatorsMayAct, true);
      assert.deepEqual(d.next.case.assigneeIds, [ID.mgrNb]);
      assert.deepEqual(d.notifications, []);
    });
  });

  describe('notifications and events', () => {
    it('feedback: one notification to the reporter', () => {
      const d = ok(decideCase(incident(), FEEDBACK, ID.mgrNb, ORG, NOW));
      assert.deepEqual(
        d.notifications.map((n) => [n.id, n.kind, n.role, n.target, n.detail, n.status, n.attempts, n.createdAt]),
        [['inc-7f3c9a:v2:feedback', 'feedback', 'reporter', { kind: 'person', personId: ID.ann }, 'full', 'pending', 0, NOW.toISOString()]],
      );
    });

    for (const kind of ['acknowledge', 'contact', 'support', 'police', 'authority', 'measure-add', 'security-note', 'high-threat'] as const) {
      it(`${kind}: no notification`, () => {
        assert.deepEqual(ok(decideCase(incident(), SAMPLE[kind], ID[actorFor(kind)], ORG, NOW)).notifications, []);
      });
    }

    it('ids derive from the incident id and the new version: the same decision twice is the same', () => {
      const inc = { ...incident(), version: 41 };
      const a = decideCase(inc, FEEDBACK, ID.mgrNb, ORG, NOW);
      const b = decideCase(inc, FEEDBACK, ID.mgrNb, ORG, NOW);
      assert.deepEqual(a, b);
      assert.equal(ok(a).notifications[0].id, 'inc-7f3c9a:v42:feedback');
    });

    it('the event carries the command, who, when, and the new version', () => {
      const command: CaseCommand = { kind: 'contact', date: '2026-03-10' };
      const d = ok(decideCase({ ...incident(), version: 3 }, command, ID.mgrNb, ORG, NOW));
      assert.deepEqual(d.event, { type: 'case-contact', at: NOW.toISOString(), actorId: ID.mgrNb, command, version: 4 });
      assert.equal(d.next.version, 4);
    });

    for (const kind of CASE_COMMANDS.filter((k) => k !== 'reopen' && k !== 'close')) {
      it(`${kind}: event type case-${kind}`, () => {
        const inc = kind === 'measure-status' ? run(incident(), [[SAMPLE['measure-add'], 'mgrNb']]) : incident();
        const d = ok(decideCase(inc, SAMPLE[kind], ID[actorFor(kind)], ORG, NOW));
        assert.equal(d.event.type, `case-${kind}`);
        assert.deepEqual(d.event.command, SAMPLE[kind]);
        assert.equal(d.event.version, inc.version + 1);
      });
    }
  });
});
