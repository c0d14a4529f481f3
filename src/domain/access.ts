/**
 * Who may do what. One place for every authorisation decision; handlers ask, never decide.
 */
import type { Organisation } from './organisation';

/** Actions guarded here. */
export type Action = 'link-channel' | 'view-organisation';

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
