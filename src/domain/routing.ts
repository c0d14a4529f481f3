/**
 * Who is told about an incident. Pure: incident + organisation in, recipients out.
 */
import type { Incident } from './incident';
import { unitById, type Organisation } from './organisation';

/** Roles that receive reports. */
export type RecipientRole = 'manager' | 'deputy' | 'second-line-manager' | 'security-coordinator' | 'city-security';

/** One recipient of an incident's notification. */
export interface Recipient {
  role: RecipientRole;
  /** aadObjectId of a person; absent for the coordinators' channel. */
  personId?: string;
  /** Full details (1:1) or a redacted card (channel). */
  detail: 'full' | 'redacted';
}

/**
 * The recipients of a new report: the unit's manager in a 1:1 chat — or, when the reported
 * perpetrator is a manager, the second-line manager instead — and the district's coordinators.
 *
 * @param incident - the reported incident
 * @param org - the organisation
 * @returns the recipients, manager first
 */
export function recipientsFor(incident: Pick<Incident, 'unitId' | 'districtId' | 'report'>, org: Organisation): Recipient[] {
  const unit = unitById(org, incident.unitId);
  const out: Recipient[] = [];
  if (unit) {
    const bypass = incident.report.perpetratorRole === 'manager';
    if (bypass && unit.secondLineManagerId) {
      out.push({ role: 'second-line-manager', personId: unit.secondLineManagerId, detail: 'full' });
    } else if (!bypass) {
      out.push({ role: 'manager', personId: unit.managerId, detail: 'full' });
    }
  }
  out.push({ role: 'security-coordinator', detail: 'redacted' });
  return out;
}
