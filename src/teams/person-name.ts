import type { Locale } from '../config';
import { SYSTEM_ACTOR_ID } from '../domain/incident';
import type { Organisation } from '../domain/organisation';
import { translate } from '../i18n/translator';

/**
 * A person's name as cards show it: Trygg for what Trygg itself did, "someone" for an id no longer in
 * the organisation.
 *
 * @param org - the organisation (names)
 * @param personId - aadObjectId, or the system actor
 * @param locale - the reader's locale
 * @returns the name to show
 */
export function personName(org: Organisation, personId: string, locale: Locale): string {
  if (personId === SYSTEM_ACTOR_ID) return translate(locale, 'case.systemActor');
  return org.people[personId] ?? translate(locale, 'case.someone');
}
