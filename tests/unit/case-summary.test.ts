import { strict as assert } from 'node:assert';
import { newCaseFile, type CaseFile } from '../../src/domain/case-file';
import { closeRequirements } from '../../src/domain/case-decisions';
import { isOverdueCase, isPoliceRelevant, summaryOf } from '../../src/domain/case-summary';
import type { Incident } from '../../src/domain/incident';
import { FORMS, type ReportAnswers } from '../../src/domain/report-schema';
import { reportFixture } from '../store/incident-store.contract';

/** 10:15 Swedish time on Monday 2 March 2026. */
const T0 = '2026-03-02T09:15:00.000Z';
const ACK_DUE = '2026-03-02T16:00:00.000Z';

function incident(patch: { report?: Partial<ReportAnswers>; case?: Partial<CaseFile>; reportedAt?: string } = {}): Incident {
  const reportedAt = patch.reportedAt ?? T0;
  const c: CaseFile = { ...newCaseFile(['mgr'], new Date(ACK_DUE)), ...patch.case };
  const status = c.closed ? 'closed' : c.police || c.authority || c.support || c.measures.length > 0 ? 'in-progress' : c.acknowledged ? 'acknowledged' : 'reported';
  return {
    id: 'inc-1',
    caseNumber: '2026-0007',
    tenantId: 't',
    districtId: 'd1',
    unitId: 'u1',
    reporterId: 'alex',
    reporterName: 'Alex Wilber',
    reportedAt,
    status,
    version: 3,
    report: reportFixture({ perceivedSerious: 'no', weapon: 'no', injuries: ['none'], ...patch.report }),
    feedback: 'Vi har pratat.',
    case: c,
  };
}

const stamp = (at: string) => ({ by: 'mgr', at });

describe('case summary', () => {
  it('holds codes, instants and flags only: no names, no free text', () => {
    const s = summaryOf(incident());
    assert.deepEqual(s, {
      incidentId: 'inc-1',
      caseNumber: '2026-0007',
      districtId: 'd1',
      unitId: 'u1',
      reportedAt: T0,
      forms: ['threat-self', 'harassment'],
      perpetratorRole: 'client',
      place: 'reception',
      workArea: 'financial-aid',
      status: 'reported',
      policeRelevant: true,
      possiblySerious: false,
      nextDeadline: ACK_DUE,
      assigneeIds: ['mgr'],
    });
    const text = JSON.stringify(summaryOf(incident({ case: { closed: stamp('2026-03-05T10:00:00Z'), securityNotes: [{ ...stamp(T0), text: 'hemligt' }] } })));
    for (const secret of ['Alex', 'klient hotade', 'Vi har pratat', 'hemligt']) assert.ok(!text.includes(secret), secret);
  });

  it('is the same whenever it is made (nothing depends on the clock)', () => {
    assert.deepEqual(summaryOf(incident()), summaryOf(incident()));
  });

  describe('next deadline', () => {
    it('is the acknowledgement while unacknowledged', () => {
      assert.equal(summaryOf(incident()).nextDeadline, ACK_DUE);
    });

    it('for a possible allvarligt tillbud, the earlier of the acknowledgement and the end of the report day', () => {
      const serious = { perceivedSerious: 'yes' as const };
      assert.equal(summaryOf(incident({ report: serious })).nextDeadline, ACK_DUE);
      // Reported 23:30 Swedish time, acknowledgement due 00:30: the day ends first.
      const late = incident({ report: serious, reportedAt: '2026-03-02T22:30:00.000Z', case: { acknowledgeDueAt: '2026-03-02T23:30:00.000Z' } });
      assert.equal(summaryOf(late).nextDeadline, '2026-03-02T23:00:00.000Z');
      const acknowledged = incident({ report: serious, case: { acknowledged: stamp('2026-03-02T09:30:00Z') } });
      assert.equal(summaryOf(acknowledged).nextDeadline, '2026-03-02T23:00:00.000Z');
      const assessed = incident({
        report: serious,
        case: { acknowledged: stamp('2026-03-02T09:30:00Z'), authority: { ...stamp('2026-03-02T10:00:00Z'), seriousAssessment: 'not-serious', reason: 'x' } },
      });
      assert.equal(summaryOf(assessed).nextDeadline, undefined);
    });

    it('includes the due dates of measures not done (end of the Swedish day), earliest first', () => {
      const measure = (id: string, dueDate: string, status: 'planned' | 'done') =>
        ({ ...stamp(T0), id, kind: 'training' as const, text: 'Utbildning', ownerId: 'mgr', dueDate, status });
      const s = summaryOf(
        incident({
          case: {
            acknowledged: stamp('2026-03-02T09:30:00Z'),
            measures: [measure('m1', '2026-03-05', 'done'), measure('m2', '2026-04-10', 'planned'), measure('m3', '2026-03-20', 'planned')],
          },
        }),
      );
      assert.equal(s.nextDeadline, '2026-03-20T23:00:00.000Z');
      assert.equal(isOverdueCase(s, new Date('2026-03-20T23:00:00.000Z')), false, 'exactly at the deadline is in time');
      assert.equal(isOverdueCase(s, new Date('2026-03-20T23:00:00.001Z')), true);
    });

    it('is none once acknowledged with nothing due, and none when closed', () => {
      assert.equal(summaryOf(incident({ case: { acknowledged: stamp('2026-03-02T09:30:00Z') } })).nextDeadline, undefined);
      const closed = summaryOf(incident({ case: { closed: stamp('2026-03-05T10:00:00Z') } }));
      assert.equal(closed.nextDeadline, undefined);
      assert.equal(isOverdueCase(closed, new Date('2030-01-01')), false);
    });
  });

  describe('police report', () => {
    const police = (decision: 'employee-files' | 'employer-files' | 'already-filed' | 'not-filed', filedDate?: string) =>
      summaryOf(incident({ case: { police: { ...stamp('2026-03-03T10:00:00Z'), decision, filedDate, protectedRequested: false } } }));

    it('records the decision, and whether a report was filed', () => {
      assert.deepEqual([police('employee-files').policeDecision, police('employee-files').policeFiled], ['employee-files', false]);
      assert.deepEqual([police('employer-files', '2026-03-03').policeDecision, police('employer-files', '2026-03-03').policeFiled], ['employer-files', true]);
      assert.equal(police('already-filed').policeFiled, true);
      assert.equal(police('not-filed').policeFiled, false);
      assert.equal(summaryOf(incident()).policeDecision, undefined);
      assert.equal(summaryOf(incident()).policeFiled, undefined);
    });

    it('expects a decision for exactly the forms a case cannot be closed without one', () => {
      for (const form of FORMS) {
        const i = incident({ report: { forms: [form] } });
        assert.equal(isPoliceRelevant(i.report), closeRequirements(i).includes('police'), form);
        assert.equal(summaryOf(i).policeRelevant, isPoliceRelevant(i.report));
      }
    });
  });

  describe('possible allvarligt tillbud', () => {
    const notified = (reportedAt: string, notifiedDate: string) =>
      summaryOf(
        incident({
          reportedAt,
          report: { weapon: 'yes' },
          case: { authority: { ...stamp('2026-03-04T10:00:00Z'), seriousAssessment: 'notified', notifiedDate, receiptId: 'AV-1' } },
        }),
      );

    it('is notified in time on the Swedish date of the report or earlier', () => {
      assert.deepEqual([notified(T0, '2026-03-02').seriousNotified, notified(T0, '2026-03-02').seriousNotifiedInTime], [true, true]);
      assert.deepEqual([notified(T0, '2026-03-03').seriousNotified, notified(T0, '2026-03-03').seriousNotifiedInTime], [true, false]);
      // 23:30 UTC on 2 March is 00:30 on 3 March in Sweden: the 3rd is the same day.
      assert.equal(notified('2026-03-02T23:30:00.000Z', '2026-03-03').seriousNotifiedInTime, true);
    });

    it('is not notified while unassessed or assessed as not serious; flags are absent for other cases', () => {
      const open = summaryOf(incident({ report: { weapon: 'yes' } }));
      assert.deepEqual([open.possiblySerious, open.seriousNotified, open.seriousNotifiedInTime], [true, false, false]);
      const ordinary = summaryOf(incident());
      assert.deepEqual([ordinary.possiblySerious, ordinary.seriousNotified, ordinary.seriousNotifiedInTime], [false, undefined, undefined]);
    });
  });

  it('takes the milestones from the case file', () => {
    const s = summaryOf(
      incident({
        case: {
          acknowledged: stamp('2026-03-02T09:20:00.000Z'),
          support: { ...stamp('2026-03-02T11:00:00.000Z'), offers: ['debriefing'], response: 'accepted' },
          closed: stamp('2026-03-20T08:00:00.000Z'),
        },
      }),
    );
    assert.deepEqual([s.acknowledgedAt, s.supportOfferedAt, s.closedAt, s.status], [
      '2026-03-02T09:20:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-20T08:00:00.000Z',
      'closed',
    ]);
  });
});
