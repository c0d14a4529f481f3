import { strict as assert } from 'node:assert';
import { decideCase } from '../../src/domain/case-decisions';
import { newCaseFile, type CaseFile, type Measure } from '../../src/domain/case-file';
import { acknowledgementDueFor, fireTimer, planTimers, type CasePolicy, type CaseTimer, type TimerKind } from '../../src/domain/case-timers';
import { DEFAULT_DEADLINE_POLICY, nextWorkingMorning } from '../../src/domain/deadlines';
import type { Incident } from '../../src/domain/incident';
import type { Organisation } from '../../src/domain/organisation';
import type { ReportAnswers } from '../../src/domain/report-schema';

/*
 *   norr   norr-barn   manager mgrNb  deputy depNb  second line chiefNorr  staff ann, bo
 *          norr-vuxen  manager mgrNv  (no deputy, no second line)         staff dan
 *          coordinators coordNorr
 */
const PEOPLE = ['ann', 'bo', 'mgrNb', 'depNb', 'chiefNorr', 'dan', 'mgrNv', 'coordNorr'] as const;
type Person = (typeof PEOPLE)[number];
const ID = Object.fromEntries(
  PEOPLE.map((p, i) => [p, `00000000-0000-0000-0000-${String(21 + i).padStart(13, '0')}`]),
) as Record<Person, string>;

const ORG: Organisation = {
  districts: [{ id: 'norr', name: 'Norra förvaltningen', coordinatorIds: [ID.coordNorr] }],
  units: [
    { id: 'norr-barn', name: 'Barn och unga', districtId: 'norr', managerId: ID.mgrNb, deputyId: ID.depNb, secondLineManagerId: ID.chiefNorr, staffIds: [ID.ann, ID.bo] },
    { id: 'norr-vuxen', name: 'Vuxen', districtId: 'norr', managerId: ID.mgrNv, staffIds: [ID.dan] },
  ],
  citySecurityIds: [],
  people: Object.fromEntries(PEOPLE.map((p) => [ID[p], `Namn ${p}`])),
};

const POLICY: CasePolicy = {
  deadlines: DEFAULT_DEADLINE_POLICY,
  escalateDeputyMinutes: 120,
  escalateSecondLineMinutes: 1440,
  seriousReminderMinutes: 120,
  feedbackReminderDays: 14,
};

// Tuesday 10 March 2026, 09:12 in Stockholm (CET, UTC+1).
const REPORTED_AT = '2026-03-10T08:12:00.000Z';
const SERIOUS: Partial<ReportAnswers> = { forms: ['threat-self'], perceivedSerious: 'yes' };

function report(patch: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    forms: ['harassment'],
    purpose: 'yes',
    occurredAt: '2026-03-10T08:40',
    place: 'home-visit',
    workArea: 'children-youth',
    unitId: 'norr-barn',
    perpetratorRole: 'relative',
    recurrence: 'first-time',
    target: 'me',
    injuries: ['none'],
    weapon: 'no',
    perceivedSerious: 'no',
    policeIntent: 'unsure',
    support: ['manager-today'],
    description: 'En pappa skrek och följde efter mig till bilen efter hembesöket.',
    ...patch,
  };
}

/** A case as the reporting service creates it: acknowledgement due by the policy. */
function incident(opts: { patch?: Partial<ReportAnswers>; caseFile?: Partial<CaseFile>; reporter?: Person; assignees?: Person[]; unitId?: string; reportedAt?: string } = {}): Incident {
  const reportedAt = opts.reportedAt ?? REPORTED_AT;
  const r = report({ unitId: opts.unitId ?? 'norr-barn', ...opts.patch });
  const due = acknowledgementDueFor({ report: r }, new Date(reportedAt), POLICY);
  return {
    id: 'inc-d41f',
    caseNumber: '2026-0107',
    tenantId: '00000000-0000-0000-0000-0000000000001',
    districtId: 'norr',
    unitId: r.unitId,
    reporterId: ID[opts.reporter ?? 'ann'],
    reporterName: 'Namn',
    reportedAt,
    status: 'reported',
    version: 1,
    report: r,
    case: { ...newCaseFile((opts.assignees ?? ['mgrNb']).map((p) => ID[p]), due), ...opts.caseFile },
  };
}

const ids = (timers: CaseTimer[]): string[] => timers.map((t) => t.id);
const timerOf = (inc: Incident, kind: TimerKind): CaseTimer => {
  const t = planTimers(inc, POLICY).find((x) => x.kind === kind);
  assert.ok(t, `a ${kind} timer is planned`);
  return t;
};
const stamp = (by: Person, at: string) => ({ by: ID[by], at });
const measure = (id: string, dueDate: string, status: Measure['status']): Measure => ({
  id, kind: 'risk-assessment', text: 'Riskbedömning av hembesök', ownerId: ID.depNb, dueDate, status, ...stamp('mgrNb', REPORTED_AT),
});

describe('case timers', () => {
  describe('planTimers', () => {
    it('a fresh case: acknowledge at 17:00, the deputy two hours later, the second line a day later, feedback in 14 days', () => {
      const timers = planTimers(incident(), POLICY);
      assert.deepEqual(
        timers.map((t) => [t.id, t.kind, t.dueAt]),
        [
          ['inc-d41f:t:acknowledge:1', 'acknowledge', '2026-03-10T16:00:00.000Z'],
          ['inc-d41f:t:escalate-deputy:1', 'escalate-deputy', '2026-03-10T18:00:00.000Z'],
          ['inc-d41f:t:escalate-second-line:1', 'escalate-second-line', '2026-03-11T16:00:00.000Z'],
          [`inc-d41f:t:feedback:${REPORTED_AT}`, 'feedback', '2026-03-24T08:12:00.000Z'],
        ],
      );
      for (const t of timers) {
        assert.equal(t.incidentId, 'inc-d41f');
        assert.equal(t.districtId, 'norr');
      }
    });

    it('a possibly serious case: acknowledgement within the hour, and the serious-incident reminder', () => {
      assert.deepEqual(
        planTimers(incident({ patch: SERIOUS }), POLICY).map((t) => [t.id, t.dueAt]),
        [
          ['inc-d41f:t:acknowledge:1', '2026-03-10T09:12:00.000Z'],
          ['inc-d41f:t:escalate-deputy:1', '2026-03-10T11:12:00.000Z'],
          ['inc-d41f:t:escalate-second-line:1', '2026-03-11T09:12:00.000Z'],
          ['inc-d41f:t:serious:1', '2026-03-10T10:12:00.000Z'],
          [`inc-d41f:t:feedback:${REPORTED_AT}`, '2026-03-24T08:12:00.000Z'],
        ],
      );
    });

    it('after acknowledgement: no acknowledgement or escalation timers', () => {
      const inc = incident({ caseFile: { acknowledged: stamp('mgrNb', '2026-03-10T10:00:00.000Z') } });
      assert.deepEqual(ids(planTimers(inc, POLICY)), [`inc-d41f:t:feedback:${REPORTED_AT}`]);
    });

    it('after the deputy escalation only the second-line escalation is left; after both, none', () => {
      assert.deepEqual(ids(planTimers(incident({ caseFile: { escalation: 1 } }), POLICY)).filter((id) => id.includes('escalate')), [
        'inc-d41f:t:escalate-second-line:1',
      ]);
      assert.deepEqual(ids(planTimers(incident({ caseFile: { escalation: 2 } }), POLICY)).filter((id) => id.includes('escalate')), []);
    });

    it('the serious reminder stops once the assessment is recorded', () => {
      const inc = incident({ patch: SERIOUS, caseFile: { authority: { ...stamp('mgrNb', REPORTED_AT), seriousAssessment: 'notified', notifiedDate: '2026-03-10' } } });
      assert.ok(!planTimers(inc, POLICY).some((t) => t.kind === 'serious'));
    });

    it('a closed case has no timers', () => {
      const closed = stamp('mgrNb', '2026-03-12T10:00:00.000Z');
      assert.deepEqual(planTimers(incident({ caseFile: { closed } }), POLICY), []);
      assert.deepEqual(planTimers(incident({ patch: SERIOUS, caseFile: { closed, measures: [measure('m1', '2026-04-01', 'planned')] } }), POLICY), []);
    });

    it('a support follow-up: reminded at 09:00 on its date', () => {
      const support = { ...stamp('mgrNb', REPORTED_AT), offers: ['debriefing' as const], response: 'accepted' as const, followUpDate: '2026-03-17' };
      const t = timerOf(incident({ caseFile: { support } }), 'support-followup');
      assert.deepEqual([t.id, t.dueAt], ['inc-d41f:t:support-followup:2026-03-17', '2026-03-17T08:00:00.000Z']);
    });

    it('measures not done: reminded at 09:00 on the due date (summer time after 29 March); done ones not at all', () => {
      const inc = incident({ caseFile: { measures: [measure('m1', '2026-04-01', 'planned'), measure('m2', '2026-03-20', 'done'), measure('m3', '2026-03-20', 'in-progress')] } });
      assert.deepEqual(
        planTimers(inc, POLICY).filter((t) => t.kind === 'measure').map((t) => [t.id, t.measureId, t.dueAt]),
        [
          ['inc-d41f:t:measure:m1:2026-04-01', 'm1', '2026-04-01T07:00:00.000Z'],
          ['inc-d41f:t:measure:m3:2026-03-20', 'm3', '2026-03-20T08:00:00.000Z'],
        ],
      );
    });

    it('timer ids are the same every time the same state is planned', () => {
      const inc = incident({ patch: SERIOUS, caseFile: { measures: [measure('m1', '2026-04-01', 'planned')] } });
      assert.deepEqual(planTimers(inc, POLICY), planTimers(structuredClone(inc), POLICY));
    });
  });

  describe('fireTimer: reminders', () => {
    it('the acknowledgement reminder goes to everyone handling the case', () => {
      const inc = incident({ assignees: ['mgrNb', 'depNb'] });
      const now = new Date('2026-03-10T16:00:00.000Z');
      const effect = fireTimer(inc, timerOf(inc, 'acknowledge'), ORG, now);
      assert.ok(effect);
      assert.deepEqual(
        effect.notifications.map((n) => [n.id, n.kind, n.reminder, n.role, n.target, n.detail]),
        [ID.mgrNb, ID.depNb].map((id) => [`inc-d41f:t:acknowledge:1:${id}`, 'reminder', 'acknowledge', 'assignee', { kind: 'person', personId: id }, 'full']),
      );
      assert.deepEqual(effect.event, {
        type: 'reminder-sent',
        at: now.toISOString(),
        actorId: 'trygg',
        reminder: 'acknowledge',
        toIds: [ID.mgrNb, ID.depNb],
        version: 2,
      });
      assert.equal(effect.next.version, 2);
      assert.deepEqual(effect.next.case.reminders, { acknowledge: { count: 1, lastAt: now.toISOString() } });
      assert.equal(effect.next.status, inc.status, 'a reminder does not change the status');
    });

    it('does nothing once the case moved on', () => {
      const acknowledged = stamp('mgrNb', '2026-03-10T10:00:00.000Z');
      const fresh = incident({ patch: SERIOUS, caseFile: { measures: [measure('m1', '2026-04-01', 'planned')], support: { ...stamp('mgrNb', REPORTED_AT), offers: ['debriefing'], response: 'accepted', followUpDate: '2026-03-17' } } });
      const due = Object.fromEntries(planTimers(fresh, POLICY).map((t) => [t.kind, t])) as Record<TimerKind, CaseTimer>;
      const at = new Date('2026-04-02T08:00:00.000Z');
      const moved: Array<[string, Partial<CaseFile>, TimerKind]> = [
        ['acknowledged: no acknowledgement reminder', { acknowledged }, 'acknowledge'],
        ['acknowledged: no deputy escalation', { acknowledged }, 'escalate-deputy'],
        ['acknowledged: no second-line escalation', { acknowledged }, 'escalate-second-line'],
        ['assessment recorded: no serious reminder', { authority: { ...acknowledged, seriousAssessment: 'not-serious', reason: 'Bedömt' } }, 'serious'],
        ['measure done: no measure reminder', { measures: [measure('m1', '2026-04-01', 'done')] }, 'measure'],
        ['measure gone: no measure reminder', { measures: [] }, 'measure'],
        ['follow-up moved: the old date is not reminded', { support: { ...acknowledged, offers: ['debriefing'], response: 'accepted', followUpDate: '2026-03-19' } }, 'support-followup'],
        ['feedback given since: the old feedback reminder is void', { feedback: { ...stamp('mgrNb', '2026-03-20T10:00:00.000Z'), text: 'Återkoppling.' } }, 'feedback'],
      ];
      for (const [name, caseFile, kind] of moved) {
        assert.equal(fireTimer({ ...fresh, case: { ...fresh.case, ...caseFile } }, due[kind], ORG, at), undefined, name);
      }
      const closed = { ...fresh, case: { ...fresh.case, closed: stamp('mgrNb', '2026-03-30T10:00:00.000Z') } };
      for (const kind of Object.keys(due) as TimerKind[]) assert.equal(fireTimer(closed, due[kind], ORG, at), undefined, `closed: ${kind}`);
      for (const kind of Object.keys(due) as TimerKind[]) assert.ok(fireTimer(fresh, due[kind], ORG, at), `still due on the untouched case: ${kind}`);
    });

    it('a support follow-up and a measure remind the handlers, named by their series', () => {
      const inc = incident({
        assignees: ['mgrNb'],
        caseFile: {
          acknowledged: stamp('mgrNb', REPORTED_AT),
          measures: [measure('m1', '2026-04-01', 'in-progress')],
          support: { ...stamp('mgrNb', REPORTED_AT), offers: ['debriefing'], response: 'accepted', followUpDate: '2026-03-17' },
        },
      });
      const followUp = fireTimer(inc, timerOf(inc, 'support-followup'), ORG, new Date('2026-03-17T08:00:00.000Z'));
      assert.deepEqual(followUp?.notifications.map((n) => [n.id, n.reminder]), [[`inc-d41f:t:support-followup:2026-03-17:${ID.mgrNb}`, 'support-followup']]);
      const m = fireTimer(inc, timerOf(inc, 'measure'), ORG, new Date('2026-04-01T07:00:00.000Z'));
      assert.deepEqual(m?.notifications.map((n) => [n.id, n.reminder]), [[`inc-d41f:t:measure:m1:2026-04-01:${ID.mgrNb}`, 'measure']]);
    });

    it('serious reminders repeat on the next working morning, counting up', () => {
      let inc = incident({ patch: SERIOUS, caseFile: { acknowledged: stamp('mgrNb', '2026-03-10T08:30:00.000Z') } });
      const fired: Array<[string, string]> = [];
      for (let i = 0; i < 4; i++) {
        const timer = timerOf(inc, 'serious');
        const effect = fireTimer(inc, timer, ORG, new Date(timer.dueAt));
        assert.ok(effect, `reminder ${i + 1}`);
        assert.equal(effect.next.case.reminders.serious.count, i + 1);
        fired.push([timer.id, timer.dueAt]);
        inc = effect.next;
        const next = timerOf(inc, 'serious');
        assert.equal(next.dueAt, nextWorkingMorning(new Date(timer.dueAt), POLICY.deadlines).toISOString(), 'the next working morning after the last one');
      }
      assert.deepEqual(fired, [
        ['inc-d41f:t:serious:1', '2026-03-10T10:12:00.000Z'], // two hours after the report
        ['inc-d41f:t:serious:2', '2026-03-11T08:00:00.000Z'], // Wednesday 09:00
        ['inc-d41f:t:serious:3', '2026-03-12T08:00:00.000Z'], // Thursday 09:00
        ['inc-d41f:t:serious:4', '2026-03-13T08:00:00.000Z'], // Friday 09:00
      ]);
      assert.equal(timerOf(inc, 'serious').dueAt, '2026-03-16T08:00:00.000Z', 'then Monday, not the weekend');
    });

    it('a serious reminder over Easter waits for the Tuesday after Easter Monday (summer time)', () => {
      // Maundy Thursday 2 April 2026, reported 10:00; Good Friday, Easter weekend and Easter Monday are not working days.
      let inc = incident({ patch: SERIOUS, reportedAt: '2026-04-02T08:00:00.000Z' });
      const first = timerOf(inc, 'serious');
      assert.equal(first.dueAt, '2026-04-02T10:00:00.000Z');
      inc = fireTimer(inc, first, ORG, new Date(first.dueAt))!.next;
      assert.deepEqual([timerOf(inc, 'serious').id, timerOf(inc, 'serious').dueAt], ['inc-d41f:t:serious:2', '2026-04-07T07:00:00.000Z']);
    });

    it('a serious reminder already sent is not sent again (a stale timer of the same count)', () => {
      const inc = incident({ patch: SERIOUS });
      const first = timerOf(inc, 'serious');
      const after = fireTimer(inc, first, ORG, new Date(first.dueAt))!.next;
      assert.equal(fireTimer(after, first, ORG, new Date('2026-03-10T10:13:00.000Z')), undefined);
    });

    it('the feedback reminder re-arms from the last reminder, and from feedback given', () => {
      const inc = incident({ caseFile: { acknowledged: stamp('mgrNb', REPORTED_AT) } });
      const first = timerOf(inc, 'feedback');
      const firedAt = new Date('2026-03-24T08:12:00.000Z');
      const effect = fireTimer(inc, first, ORG, firedAt);
      assert.ok(effect);
      assert.deepEqual(effect.next.case.reminders.feedback, { count: 1, lastAt: firedAt.toISOString() });
      const second = timerOf(effect.next, 'feedback');
      assert.deepEqual([second.id, second.dueAt], [`inc-d41f:t:feedback:${firedAt.toISOString()}`, '2026-04-07T08:12:00.000Z']);
      assert.equal(fireTimer(effect.next, first, ORG, firedAt), undefined, 'the first timer is spent');

      const given = decideCase(effect.next, { kind: 'feedback', text: 'Samtal bokat med familjebehandlingen.' }, ID.mgrNb, ORG, new Date('2026-03-30T12:00:00.000Z'));
      assert.ok(given.ok);
      assert.equal(fireTimer(given.next, second, ORG, new Date(second.dueAt)), undefined, 'feedback given since the reminder was planned');
      assert.equal(timerOf(given.next, 'feedback').dueAt, '2026-04-13T12:00:00.000Z', '14 days after the feedback');
    });
  });

  describe('fireTimer: escalation', () => {
    const now = new Date('2026-03-10T18:00:00.000Z');

    it('the deputy escalation brings in the deputy, 1:1 in full', () => {
      const inc = incident();
      const effect = fireTimer(inc, timerOf(inc, 'escalate-deputy'), ORG, now);
      assert.ok(effect);
      assert.deepEqual(effect.next.case.assigneeIds, [ID.mgrNb, ID.depNb]);
      assert.equal(effect.next.case.escalation, 1);
      assert.equal(effect.next.case.coordinatorsMayAct, false);
      assert.deepEqual(
        effect.notifications.map((n) => [n.id, n.kind, n.reminder, n.target, n.detail]),
        [[`inc-d41f:t:escalate-deputy:1:${ID.depNb}`, 'escalation', 'escalate-deputy', { kind: 'person', personId: ID.depNb }, 'full']],
      );
      assert.deepEqual(effect.event, { type: 'escalated', at: now.toISOString(), actorId: 'trygg', reminder: 'escalate-deputy', toIds: [ID.depNb], version: 2 });
    });

    it('not when the deputy is absent: the level is recorded, nobody added', () => {
      const inc = incident();
      const effect = fireTimer(inc, timerOf(inc, 'escalate-deputy'), { ...ORG, absentIds: [ID.depNb] }, now);
      assert.ok(effect);
      assert.deepEqual(effect.next.case.assigneeIds, [ID.mgrNb]);
      assert.equal(effect.next.case.escalation, 1);
      assert.deepEqual(effect.notifications, []);
    });

    it('not when the deputy is the reporter', () => {
      const inc = incident({ reporter: 'depNb', assignees: ['mgrNb'] });
      const effect = fireTimer(inc, timerOf(inc, 'escalate-deputy'), ORG, now);
      assert.deepEqual(effect?.next.case.assigneeIds, [ID.mgrNb]);
      assert.deepEqual(effect?.notifications, []);
    });

    it('not when the unit has no deputy', () => {
      const inc = incident({ reporter: 'dan', unitId: 'norr-vuxen', assignees: ['mgrNv'] });
      const effect = fireTimer(inc, timerOf(inc, 'escalate-deputy'), ORG, now);
      assert.deepEqual(effect?.next.case.assigneeIds, [ID.mgrNv]);
      assert.equal(effect?.next.case.escalation, 1);
    });

    it('not in a case about the manager (bypass): the deputy does not get a report about their manager', () => {
      const inc = incident({ patch: { perpetratorRole: 'manager' }, assignees: ['chiefNorr'] });
      const effect = fireTimer(inc, timerOf(inc, 'escalate-deputy'), ORG, now);
      assert.ok(effect);
      assert.deepEqual(effect.next.case.assigneeIds, [ID.chiefNorr]);
      assert.deepEqual(effect.notifications, []);
      const second = fireTimer(effect.next, timerOf(effect.next, 'escalate-second-line'), ORG, new Date('2026-03-11T16:00:00.000Z'));
      assert.ok(!second?.next.case.assigneeIds.includes(ID.mgrNb), 'nor the manager, ever');
    });

    it('not in a case reported by the unit’s manager (bypass): the deputy does not get their manager’s report', () => {
      const inc = incident({ reporter: 'mgrNb', assignees: ['chiefNorr'] });
      const effect = fireTimer(inc, timerOf(inc, 'escalate-deputy'), ORG, now);
      assert.deepEqual(effect?.next.case.assigneeIds, [ID.chiefNorr]);
      assert.deepEqual(effect?.notifications, []);
    });

    it('the second-line escalation brings in the second-line manager and lets the coordinators act; the channel is told, redacted', () => {
      const inc = fireTimer(incident(), timerOf(incident(), 'escalate-deputy'), ORG, now)!.next;
      const at = new Date('2026-03-11T16:00:00.000Z');
      const effect = fireTimer(inc, timerOf(inc, 'escalate-second-line'), ORG, at);
      assert.ok(effect);
      assert.deepEqual(effect.next.case.assigneeIds, [ID.mgrNb, ID.depNb, ID.chiefNorr]);
      assert.equal(effect.next.case.escalation, 2);
      assert.equal(effect.next.case.coordinatorsMayAct, true);
      assert.deepEqual(
        effect.notifications.map((n) => [n.id, n.kind, n.role, n.target, n.detail]),
        [
          [`inc-d41f:t:escalate-second-line:1:${ID.chiefNorr}`, 'escalation', 'assignee', { kind: 'person', personId: ID.chiefNorr }, 'full'],
          ['inc-d41f:t:escalate-second-line:1:channel', 'escalation', 'security-coordinator', { kind: 'district-channel', districtId: 'norr' }, 'redacted'],
        ],
      );
      assert.equal(effect.next.version, 3);
      assert.deepEqual(planTimers(effect.next, POLICY).filter((t) => t.kind.startsWith('escalate')), [], 'nothing left to escalate');
    });

    it('the second-line escalation first makes the deputy escalation void', () => {
      const inc = incident();
      const deputyTimer = timerOf(inc, 'escalate-deputy');
      const after = fireTimer(inc, timerOf(inc, 'escalate-second-line'), ORG, new Date('2026-03-11T16:00:00.000Z'))!.next;
      assert.equal(fireTimer(after, deputyTimer, ORG, new Date('2026-03-11T16:01:00.000Z')), undefined);
    });

    it('after escalation the acknowledgement reminder reaches everyone brought in', () => {
      const inc = fireTimer(incident(), timerOf(incident(), 'escalate-deputy'), ORG, now)!.next;
      const effect = fireTimer(inc, timerOf(inc, 'acknowledge'), ORG, new Date('2026-03-10T18:01:00.000Z'));
      assert.deepEqual(effect?.event.toIds, [ID.mgrNb, ID.depNb]);
    });
  });
});
