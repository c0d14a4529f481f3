/**
 * Who is told about an incident, and how much they see. Pure: incident + organisation in,
 * recipients out. Rules (DESIGN.md, privacy rule 1):
 * - the manager of the reporter's own unit gets the full report 1:1 — the deputy instead when the
 *   manager is marked absent, the second-line manager when both are;
 * - bypass: when the reported perpetrator is a manager (or the reporter is the unit's manager),
 *   the second-line manager gets it instead, never the manager;
 * - the district's coordinator channel gets a redacted card;
 * - a possible allvarligt tillbud (AML 3 kap. 3 a §) also goes, redacted, to city security.
 */
import type { Incident } from './incident';
import { ownUnitOf, unitById, type Organisation, type Unit } from './organisation';
import type { ReportAnswers } from './report-schema';

/** Roles that receive reports. */
export type RecipientRole =
  | 'manager'
  | 'deputy'
  | 'second-line-manager'
  | 'security-coordinator'
  | 'city-security'
  /** Someone the case was handed or escalated to, or who handles it. */
  | 'assignee'
  /** The reporter (feedback, closing). */
  | 'reporter';

/** One recipient of an incident's notification. */
export interface Recipient {
  role: RecipientRole;
  /** 1:1 chat with a person, or the district's coordinator channel. */
  target: { kind: 'person'; personId: string } | { kind: 'district-channel'; districtId: string };
  /** Full details, or the redacted card (case number, form, unit, flags, status, time). */
  detail: 'full' | 'redacted';
}

/** What routing needs to know about an incident. */
export type RoutableIncident = Pick<Incident, 'unitId' | 'districtId' | 'reporterId' | 'report'>;

/**
 * Whether an incident may be an allvarligt tillbud that must be notified to Arbetsmiljöverket the
 * same day: violence with injury, a weapon or object used, or the reporter's own "serious" flag
 * (e.g. a death threat perceived as serious).
 *
 * @param report - the submitted report
 * @returns true when the case must be flagged
 */
export function isPossiblySerious(report: Pick<ReportAnswers, 'forms' | 'injuries' | 'weapon' | 'perceivedSerious'>): boolean {
  const injured = report.injuries.some((i) => i !== 'none');
  return (
    (report.forms.includes('violence') && injured) || report.weapon === 'yes' || report.perceivedSerious === 'yes'
  );
}

/**
 * The unit whose managers are responsible: the reporter's own unit, else the unit of the event.
 *
 * @param incident - the incident
 * @param org - the organisation
 * @returns the responsible unit, if any
 */
export function responsibleUnit(incident: RoutableIncident, org: Organisation): Unit | undefined {
  return ownUnitOf(org, incident.reporterId) ?? unitById(org, incident.unitId);
}

/**
 * The recipients of a new report, responsible manager first.
 *
 * @param incident - the reported incident
 * @param org - the organisation
 * @returns the recipients
 */
export function recipientsFor(incident: RoutableIncident, org: Organisation): Recipient[] {
  const out: Recipient[] = [];
  const person = (role: RecipientRole, personId: string, detail: Recipient['detail'] = 'full'): Recipient => ({
    role,
    target: { kind: 'person', personId },
    detail,
  });
  const unit = responsibleUnit(incident, org);
  if (unit) {
    const absent = new Set(org.absentIds ?? []);
    const aboutManager = incident.report.perpetratorRole === 'manager' || unit.managerId === incident.reporterId;
    // A deputy never handles their own report: the second-line manager does.
    const deputyAvailable = unit.deputyId !== undefined && !absent.has(unit.deputyId) && unit.deputyId !== incident.reporterId;
    if (aboutManager) {
      // Bypass: a report about a manager (or by the manager) goes past the manager.
      if (unit.secondLineManagerId) out.push(person('second-line-manager', unit.secondLineManagerId));
    } else if (!absent.has(unit.managerId)) {
      out.push(person('manager', unit.managerId));
    } else if (deputyAvailable) {
      out.push(person('deputy', unit.deputyId!));
    } else if (unit.secondLineManagerId && !absent.has(unit.secondLineManagerId)) {
      out.push(person('second-line-manager', unit.secondLineManagerId));
    } else {
      out.push(person('manager', unit.managerId));
    }
  }
  out.push({ role: 'security-coordinator', target: { kind: 'district-channel', districtId: incident.districtId }, detail: 'redacted' });
  if (isPossiblySerious(incident.report)) {
    const told = new Set(out.flatMap((r) => (r.target.kind === 'person' ? [r.target.personId] : [])));
    for (const id of new Set(org.citySecurityIds)) if (!told.has(id)) out.push(person('city-security', id, 'redacted'));
  }
  return out;
}
