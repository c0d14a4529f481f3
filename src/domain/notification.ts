/**
 * A notification to deliver (the transactional outbox): written in the same transaction as the
 * incident, delivered at least once by the dispatcher after the invoke response.
 */
import type { Recipient, RecipientRole } from './routing';

/** Where a notification stands. */
export type NotificationStatus = 'pending' | 'sent' | 'dead';

/**
 * What a notification is: the new report (default), a case handed over or escalated to someone,
 * a reminder, feedback or closing news for the reporter, or an in-place update of a card already
 * sent (`updateOf` names the notification whose card is updated).
 */
export type NotificationKind = 'report' | 'handover' | 'escalation' | 'reminder' | 'feedback' | 'closed' | 'card-update';

/** One message to one recipient about one incident. */
export interface Notification {
  kind?: NotificationKind;
  /** For reminders and escalations: the reminder series (e.g. `acknowledge`). */
  reminder?: string;
  /** For card updates: the notification whose sent card is updated. */
  updateOf?: string;
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

/**
 * A new notification about a case (not the first report): ids are derived from the cause, so
 * writing the same notification twice delivers it once.
 *
 * @param incident - the case
 * @param id - the notification's id
 * @param kind - what it is
 * @param recipient - who gets it, and how much they see
 * @param now - the time it is written
 * @param reminder - the reminder series, for reminders and escalations
 * @returns a pending notification
 */
export function caseNotification(
  incident: { id: string; districtId: string; tenantId: string },
  id: string,
  kind: NotificationKind,
  recipient: Recipient,
  now: Date,
  reminder?: string,
): Notification {
  return {
    id,
    kind,
    reminder,
    incidentId: incident.id,
    districtId: incident.districtId,
    tenantId: incident.tenantId,
    role: recipient.role,
    target: recipient.target,
    detail: recipient.detail,
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
    nextAttemptAt: now.toISOString(),
    tried: [recipient.role],
  };
}

/**
 * An in-place update of a card already sent: one row per sent card, written again (pending)
 * whenever the case changes, so several changes in a row cost one update.
 *
 * @param sent - the sent notification whose card shows the case
 * @param now - the time of the change
 * @returns the pending update
 */
export function cardUpdateOf(sent: Notification, now: Date): Notification {
  return {
    ...sent,
    id: `${sent.id}:update`,
    kind: 'card-update',
    updateOf: sent.id,
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
    nextAttemptAt: now.toISOString(),
    sentAt: undefined,
    lastError: undefined,
  };
}

/**
 * Whether a sent notification's card shows the case and should follow its changes: the report
 * cards, hand-overs and escalations (reminders and reporter news are one-off messages).
 *
 * @param n - a notification
 * @returns true when its card is updated in place on changes
 */
export function followsCase(n: Notification): boolean {
  const kind = n.kind ?? 'report';
  return n.status === 'sent' && n.activityId !== undefined && n.activityId !== '' && (kind === 'report' || kind === 'handover' || kind === 'escalation');
}
