/**
 * The summary of a case the lägesbild, the case lists and the export work from: codes, instants
 * and flags taken from the incident — no names, no free text. Pure and independent of the time it
 * is made, so the store can keep it next to the incident and count it; whether a case is overdue
 * is decided when it is read, from `nextDeadline`.
 */
import type { Incident } from './incident';
import type { CaseSummary } from './lagesbild-types';
import type { Form, ReportAnswers } from './report-schema';
import { isPossiblySerious } from './routing';
import { addDays, stockholmDate, stockholmDayStart } from './stockholm-instant';

/** Forms after which a police-report decision must be recorded (zero tolerance): threats and violence. */
export const POLICE_FORMS: readonly Form[] = Object.freeze(['threat-self', 'threat-close', 'violence']);

/**
 * Whether a police-report decision is expected: the report is about threats or violence.
 *
 * @param report - the report
 * @returns true for threats (against the employee or someone close) and violence
 */
export function isPoliceRelevant(report: Pick<ReportAnswers, 'forms'>): boolean {
  return report.forms.some((f) => POLICE_FORMS.includes(f));
}

/**
 * The summary of a case.
 *
 * `nextDeadline` is the earliest of what is still due on an open case: the acknowledgement while
 * the case is unacknowledged; for a possible allvarligt tillbud not yet assessed, the end of the
 * Swedish day of the report (same-day notification); and the end of the due date of each measure
 * not done. A closed case has none.
 *
 * `seriousNotifiedInTime`: Arbetsmiljöverket was notified on the Swedish date of the report or
 * earlier (the notified date is a local date, so "the same day" is a date comparison).
 *
 * @param incident - the incident as stored
 * @returns its summary
 */
export function summaryOf(incident: Incident): CaseSummary {
  const c = incident.case;
  const report = incident.report;
  const possiblySerious = isPossiblySerious(report);
  const policeRelevant = isPoliceRelevant(report);
  const reportDay = stockholmDate(new Date(incident.reportedAt));
  const notified = c.authority?.seriousAssessment === 'notified';
  const summary: CaseSummary = {
    incidentId: incident.id,
    caseNumber: incident.caseNumber,
    districtId: incident.districtId,
    unitId: incident.unitId,
    reportedAt: incident.reportedAt,
    forms: [...report.forms],
    perpetratorRole: report.perpetratorRole,
    place: report.place,
    workArea: report.workArea,
    status: incident.status,
    policeRelevant,
    possiblySerious,
    assigneeIds: [...c.assigneeIds],
  };
  if (c.police) {
    summary.policeDecision = c.police.decision;
    summary.policeFiled = c.police.decision === 'already-filed' || c.police.filedDate !== undefined;
  }
  if (possiblySerious) {
    summary.seriousNotified = notified;
    summary.seriousNotifiedInTime = notified && c.authority?.notifiedDate !== undefined && c.authority.notifiedDate <= reportDay;
  }
  if (c.acknowledged) summary.acknowledgedAt = c.acknowledged.at;
  if (c.support) summary.supportOfferedAt = c.support.at;
  if (c.closed) summary.closedAt = c.closed.at;
  const deadline = nextDeadlineOf(incident, possiblySerious, reportDay);
  if (deadline) summary.nextDeadline = deadline;
  return summary;
}

/**
 * Whether a case is overdue: open, with a deadline that has passed.
 *
 * @param s - the summary
 * @param now - the current instant
 * @returns true when overdue (exactly at the deadline is still in time)
 */
export function isOverdueCase(s: CaseSummary, now: Date): boolean {
  return s.status !== 'closed' && s.nextDeadline !== undefined && Date.parse(s.nextDeadline) < now.getTime();
}

function nextDeadlineOf(incident: Incident, possiblySerious: boolean, reportDay: string): string | undefined {
  const c = incident.case;
  if (c.closed || incident.status === 'closed') return undefined;
  const due: string[] = [];
  if (!c.acknowledged) due.push(new Date(c.acknowledgeDueAt).toISOString());
  if (possiblySerious && !c.authority?.seriousAssessment) due.push(endOfDay(reportDay));
  for (const m of c.measures) if (m.status !== 'done') due.push(endOfDay(m.dueDate));
  return due.length > 0 ? due.reduce((a, b) => (b < a ? b : a)) : undefined;
}

/** The first instant after a Swedish date. */
function endOfDay(localDate: string): string {
  return stockholmDayStart(addDays(localDate, 1)).toISOString();
}
