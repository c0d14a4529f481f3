/**
 * Who may do what. One place for every authorisation decision; handlers ask, never decide.
 * The person is always identified by their Entra object id from the activity, never by card data.
 */
import { COORDINATOR_COMMANDS, type CaseCommandKind } from './case-commands';
import type { Incident } from './incident';
import type { LagesbildScope } from './lagesbild-types';
import type { Organisation } from './organisation';
import { responsibleUnit } from './routing';

/** Organisation-level actions guarded here. */
export type Action = 'link-channel' | 'view-organisation';

/** Everything a person can try to do with one case. */
export type CaseAction = CaseCommandKind | 'view-details';

/** How a person stands to a case. */
export interface CaseRelation {
  reporter: boolean;
  /** Handles the case now (manager, deputy or whoever it was handed to). */
  assignee: boolean;
  /** A security coordinator of the case's district. */
  coordinator: boolean;
}

/**
 * How a person stands to a case.
 *
 * @param org - the organisation
 * @param personId - aadObjectId
 * @param incident - the case
 * @returns the person's relations to it
 */
export function caseRelation(org: Organisation, personId: string, incident: Incident): CaseRelation {
  const district = org.districts.find((d) => d.id === incident.districtId);
  return {
    reporter: incident.reporterId === personId,
    assignee: incident.case.assigneeIds.includes(personId),
    coordinator: district?.coordinatorIds.includes(personId) ?? false,
  };
}

/**
 * Whether a person may see an incident's full details (privacy rule 1): the reporter, the people
 * handling the case, and the district's coordinators. Everyone else sees at most the redacted card.
 *
 * @param org - the organisation
 * @param personId - the acting person's aadObjectId
 * @param incident - the incident
 * @returns true when the person may see everything
 */
export function mayViewDetails(org: Organisation, personId: string, incident: Incident): boolean {
  const r = caseRelation(org, personId, incident);
  return r.reporter || r.assignee || r.coordinator;
}

/**
 * Whether a person may perform an action on a case. Managers' actions belong to the people
 * handling the case, and to the district's coordinators once the case is escalated or reassigned
 * to them; coordinators' own actions belong to the district's coordinators. Nobody acts on a case
 * they reported themselves.
 *
 * @param org - the organisation
 * @param personId - the acting person's aadObjectId
 * @param action - what they want to do
 * @param incident - the case
 * @returns true when allowed
 */
export function mayOnCase(org: Organisation, personId: string, action: CaseAction, incident: Incident): boolean {
  const r = caseRelation(org, personId, incident);
  if (action === 'view-details') return r.reporter || r.assignee || r.coordinator;
  if (r.reporter) return false;
  if ((COORDINATOR_COMMANDS as readonly string[]).includes(action)) return r.coordinator;
  return r.assignee || (r.coordinator && incident.case.coordinatorsMayAct);
}

/**
 * The people a case may be handed to (forward) or reassigned to: the managers, deputies and
 * second-line managers of the district's units — never the reporter, never someone already
 * handling it, and never the manager the report is about or their deputy (bypass).
 *
 * @param org - the organisation
 * @param incident - the case
 * @returns aadObjectIds, in the organisation's order
 */
export function handoverTargets(org: Organisation, incident: Incident): string[] {
  // Bypass, as in routing: a case about the manager (or by the manager) never goes to the unit's
  // manager or deputy.
  const unit = responsibleUnit(incident, org);
  const aboutManager = incident.report.perpetratorRole === 'manager' || unit?.managerId === incident.reporterId;
  const bypassed = aboutManager ? [unit?.managerId, unit?.deputyId] : [];
  const ids = org.units
    .filter((u) => u.districtId === incident.districtId)
    .flatMap((u) => [u.managerId, u.deputyId, u.secondLineManagerId])
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)].filter(
    (id) => id !== incident.reporterId && !bypassed.includes(id) && !incident.case.assigneeIds.includes(id),
  );
}

/**
 * The people who may see an incident's full details in a channel (user-specific views):
 * the district's coordinators and the people handling the case.
 *
 * @param org - the organisation
 * @param incident - the incident
 * @returns aadObjectIds, without duplicates
 */
export function detailViewers(org: Organisation, incident: Incident): string[] {
  const district = org.districts.find((d) => d.id === incident.districtId);
  return [...new Set([...(district?.coordinatorIds ?? []), ...incident.case.assigneeIds])].filter(
    (id) => id !== incident.reporterId,
  );
}

/**
 * Whether a person may perform an action in a district.
 *
 * @param org - the organisation
 * @param personId - the acting person's aadObjectId (from the activity, never from card data)
 * @param action - what they want to do
 * @param districtId - the district concerned
 * @returns true when allowed
 */
export function may(org: Organisation, personId: string, action: Action, districtId?: string): boolean {
  const admin = (org.adminIds ?? []).includes(personId);
  switch (action) {
    case 'link-channel': {
      const district = org.districts.find((d) => d.id === districtId);
      return admin || (district?.coordinatorIds.includes(personId) ?? false);
    }
    case 'view-organisation':
      return true;
  }
}

/**
 * Whose cases a person may see in the lägesbild, the case lists and the export: city security all
 * districts; a security coordinator their districts; a manager, deputy or second-line manager their
 * units; anyone else nothing (a polite refusal). A person with several roles gets the widest scope:
 * city security over coordinator over manager — a coordinator who also manages a unit elsewhere sees
 * their districts.
 *
 * @param org - the organisation
 * @param personId - the acting person's aadObjectId (from the activity, never from card data)
 * @returns the scope, districts and units in the organisation's order
 */
export function lagesbildScope(org: Organisation, personId: string): LagesbildScope {
  if (org.citySecurityIds.includes(personId)) return { kind: 'districts', districtIds: org.districts.map((d) => d.id) };
  const districtIds = org.districts.filter((d) => d.coordinatorIds.includes(personId)).map((d) => d.id);
  if (districtIds.length > 0) return { kind: 'districts', districtIds };
  const unitIds = org.units
    .filter((u) => u.managerId === personId || u.deputyId === personId || u.secondLineManagerId === personId)
    .map((u) => u.id);
  return unitIds.length > 0 ? { kind: 'units', unitIds } : { kind: 'none' };
}
