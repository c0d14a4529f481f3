/**
 * The organisation: districts (förvaltningar), their units and the people with a role in them.
 * People are identified by their Entra object id (aadObjectId).
 */

/** A unit (enhet) with the managers responsible for it. */
export interface Unit {
  id: string;
  name: string;
  districtId: string;
  managerId: string;
  deputyId?: string;
  secondLineManagerId?: string;
  safetyRepresentativeId?: string;
  /** Staff whose own unit this is. */
  staffIds: readonly string[];
}

/** A district (förvaltning) and its security coordinators. */
export interface District {
  id: string;
  name: string;
  coordinatorIds: readonly string[];
}

/** The whole organisation. */
export interface Organisation {
  districts: readonly District[];
  units: readonly Unit[];
  /** City-level security (stadens säkerhetsfunktion). */
  citySecurityIds: readonly string[];
  /** Display names by aadObjectId. */
  people: Readonly<Record<string, string>>;
  /** People marked absent: their deputies receive reports in their place. */
  absentIds?: readonly string[];
  /** Administrators (organisation, channel links, retention). */
  adminIds?: readonly string[];
}

/**
 * The unit a person belongs to: where they are staff, else where they manage.
 *
 * @param org - the organisation
 * @param personId - aadObjectId
 * @returns the person's own unit, if any
 */
export function ownUnitOf(org: Organisation, personId: string): Unit | undefined {
  return (
    org.units.find((u) => u.staffIds.includes(personId)) ??
    org.units.find((u) => u.managerId === personId || u.deputyId === personId)
  );
}

/**
 * Looks a unit up by id.
 *
 * @param org - the organisation
 * @param unitId - the unit's id
 * @returns the unit, if it exists
 */
export function unitById(org: Organisation, unitId: string): Unit | undefined {
  return org.units.find((u) => u.id === unitId);
}
