/**
 * Who may do what. One place for every authorisation decision; handlers ask, never decide.
 */
import type { Incident } from './incident';
import type { Organisation } from './organisation';
import { recipientsFor } from './routing';

/** Actions guarded here. */
export type Action = 'link-channel' | 'view-organisation';

/**
 * Whether a person may see an incident's full details (privacy rule 1): the reporter, the
 * manager(s) the report was routed to in full, and the district's coordinators. Everyone else sees
 * at most the redacted card.
 *
 * @param org - the organisation
 * @param personId - the acting person's aadObjectId (from the activity, never from card data)
 * @param incident - the incident
 * @returns true when the person may see everything
 */
export function mayViewDetails(org: Organisation, personId: string, incident: Incident): boolean {
  if (incident.reporterId === personId) return true;
  const district = org.districts.find((d) => d.id === incident.districtId);
  if (district?.coordinatorIds.includes(personId)) return true;
  return recipientsFor(incident, org).some(
    (r) => r.detail === 'full' && r.target.kind === 'person' && r.target.personId === personId,
  );
}

/**
 * The people who may see an incident's full details in a channel (user-specific views):
 * the district's coordinators and the managers the report was routed to in full.
 *
 * @param org - the organisation
 * @param incident - the incident
 * @returns aadObjectIds, without duplicates
 */
export function detailViewers(org: Organisation, incident: Incident): string[] {
  const district = org.districts.find((d) => d.id === incident.districtId);
  const managers = recipientsFor(incident, org).flatMap((r) =>
    r.detail === 'full' && r.target.kind === 'person' ? [r.target.personId] : [],
  );
  return [...new Set([...(district?.coordinatorIds ?? []), ...managers])];
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
