/**
 * Who gets a notification when its recipient cannot be reached (the bot is not installed for them):
 * manager → deputy → the district's coordinator channel. Pure.
 */
import type { Notification } from '../domain/notification';
import { responsibleUnit } from '../domain/routing';
import type { Organisation } from '../domain/organisation';
import type { Incident } from '../domain/incident';

/**
 * The next notification to try after `failed` could not reach its recipient.
 *
 * @param failed - the unreachable notification
 * @param incident - its incident
 * @param org - the organisation
 * @param now - the current time
 * @returns a new pending notification, or undefined when nobody is left to try
 */
export function fallbackFor(failed: Notification, incident: Incident, org: Organisation, now: Date): Notification | undefined {
  if (failed.target.kind !== 'person' || failed.role === 'city-security') return undefined;
  const unit = responsibleUnit(incident, org);
  const base = {
    ...failed,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    activityId: undefined,
    conversationKey: undefined,
    lastError: undefined,
    sentAt: undefined,
  };
  const n = failed.tried.length + 1;
  if (failed.role === 'manager' && unit?.deputyId && !failed.tried.includes('deputy')) {
    return { ...base, id: `${failed.id}:f${n}`, role: 'deputy', target: { kind: 'person', personId: unit.deputyId }, tried: [...failed.tried, 'deputy'] };
  }
  if (failed.tried.includes('security-coordinator')) return undefined;
  return {
    ...base,
    id: `${failed.id}:f${n}`,
    role: 'security-coordinator',
    target: { kind: 'district-channel', districtId: incident.districtId },
    detail: 'redacted',
    tried: [...failed.tried, 'security-coordinator'],
  };
}

/**
 * The case after a fallback person received the full report in the unreachable person's place:
 * they now handle the case (they could not act on it otherwise).
 *
 * @param incident - the case as read
 * @param personId - who received it instead
 * @returns the next state, or undefined when they already handle it
 */
export function withFallbackAssignee(incident: Incident, personId: string): Incident | undefined {
  if (incident.case.assigneeIds.includes(personId)) return undefined;
  return { ...incident, version: incident.version + 1, case: { ...incident.case, assigneeIds: [...incident.case.assigneeIds, personId] } };
}
