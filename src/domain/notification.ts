/**
 * A notification to deliver (the transactional outbox): written in the same transaction as the
 * incident, delivered at least once by the dispatcher after the invoke response.
 */
import type { Recipient, RecipientRole } from './routing';

/** Where a notification stands. */
export type NotificationStatus = 'pending' | 'sent' | 'dead';

/** One message to one recipient about one incident. */
export interface Notification {
  /** Stable id: also the idempotency key of the delivery. */
  id: string;
  incidentId: string;
  districtId: string;
  tenantId: string;
  role: RecipientRole;
  target: Recipient['target'];
  detail: Recipient['detail'];
  status: NotificationStatus;
  attempts: number;
  /** ISO instants. */
  createdAt: string;
  nextAttemptAt: string;
  sentAt?: string;
  /** The id of the sent activity, to update the card in place later. */
  activityId?: string;
  /** The conversation it was sent to. */
  conversationKey?: string;
  lastError?: string;
  /** Roles already tried for this delivery (fallbacks), in order. */
  tried: RecipientRole[];
}

/**
 * The notifications for a new incident's recipients.
 *
 * @param incident - ids of the incident
 * @param recipients - from routing
 * @param now - the time of the submit
 * @returns one pending notification per recipient, with ids derived from the incident
 */
export function notificationsFor(
  incident: { id: string; districtId: string; tenantId: string },
  recipients: Recipient[],
  now: Date,
): Notification[] {
  return recipients.map((r, i) => ({
    id: `${incident.id}:n${i + 1}`,
    incidentId: incident.id,
    districtId: incident.districtId,
    tenantId: incident.tenantId,
    role: r.role,
    target: r.target,
    detail: r.detail,
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
    nextAttemptAt: now.toISOString(),
    tried: [r.role],
  }));
}

/** Conversation key of a person's 1:1 chat with the bot. */
export const personalKey = (personId: string): string => `user:${personId}`;

/** Conversation key of a team channel. */
export const channelKey = (channelId: string): string => `channel:${channelId}`;
