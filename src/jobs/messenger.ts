import type { Incident } from '../domain/incident';
import type { Notification } from '../domain/notification';
import type { FailureKind } from './retry-policy';

/** A delivery that did not go through. */
export class DeliveryError extends Error {
  /**
   * @param kind - retry later, recipient unreachable, or never
   * @param status - HTTP status from the Bot Connector, if any
   * @param retryAfterMs - the service's Retry-After
   */
  constructor(
    readonly kind: FailureKind,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`delivery failed (${kind}${status ? `, ${status}` : ''})`);
    this.name = 'DeliveryError';
  }
}

/** Sends notification cards to Teams (implemented in src/teams). */
export interface Messenger {
  /**
   * Sends the card for a notification to a conversation.
   *
   * @param notification - what to send and to whom
   * @param incident - the incident it is about
   * @param conversationKey - the conversation (`user:<id>` or `channel:<id>`)
   * @returns the id of the sent activity
   * @throws {@link DeliveryError}
   */
  deliver(notification: Notification, incident: Incident, conversationKey: string): Promise<string>;

  /**
   * Replaces a card already sent with the case as it is now.
   *
   * @param notification - the card update (a copy of the sent notification)
   * @param incident - the incident as it is now
   * @param conversationKey - where the card was sent
   * @param activityId - the sent activity
   * @throws {@link DeliveryError}
   */
  update(notification: Notification, incident: Incident, conversationKey: string, activityId: string): Promise<void>;
}
