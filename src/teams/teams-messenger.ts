import { MessageFactory, type Attachment, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Locale } from '../config';
import type { Directory } from '../directory/directory';
import type { Incident } from '../domain/incident';
import { detailViewers } from '../domain/access';
import { personalKey, type Notification } from '../domain/notification';
import { resolveLocale } from '../i18n/translator';
import { DeliveryError, type Messenger } from '../jobs/messenger';
import { classifyFailure, parseRetryAfter } from '../jobs/retry-policy';
import type { ConversationStore } from '../store/ports';
import type { NotificationViews } from './notification-views';
import type { TryggAdapter } from './trygg-adapter';

/** What the messenger needs. */
export interface TeamsMessengerDeps {
  adapter: TryggAdapter;
  botAppId: string;
  conversations: ConversationStore;
  directory: Directory;
  views: NotificationViews;
  defaultLocale: Locale;
  /** Longest wait for the Bot Connector before the send counts as failed (and is retried). */
  timeoutMs: number;
}

/** Sends notification cards proactively through the Bot Connector. */
export class TeamsMessenger implements Messenger {
  /** @param deps - adapter, bot id, stored references, card views, default locale, timeout */
  constructor(private readonly deps: TeamsMessengerDeps) {}

  /** Teams user ids (from stored conversations) of the people who may see the full card. */
  private async viewerIds(notification: Notification, incident: Incident): Promise<string[]> {
    if (notification.target.kind !== 'district-channel') return [];
    const ids: string[] = [];
    for (const personId of detailViewers(this.deps.directory.current(), incident)) {
      const ref = (await this.deps.conversations.get(personalKey(personId))) as { user?: { id?: string } } | undefined;
      if (ref?.user?.id) ids.push(ref.user.id);
    }
    return ids;
  }

  /** @inheritdoc */
  async deliver(notification: Notification, incident: Incident, conversationKey: string): Promise<string> {
    let activityId = '';
    await this.withConversation(notification, incident, conversationKey, async (context, attachment) => {
      const sent = await context.sendActivity(MessageFactory.attachment(attachment));
      activityId = sent?.id ?? '';
    });
    return activityId;
  }

  /** @inheritdoc */
  async update(notification: Notification, incident: Incident, conversationKey: string, activityId: string): Promise<void> {
    await this.withConversation(notification, incident, conversationKey, async (context, attachment) => {
      await context.updateActivity({ ...MessageFactory.attachment(attachment), id: activityId });
    });
  }

  /** Renders the notification's card and runs `act` in its conversation, within the timeout. */
  private async withConversation(
    notification: Notification,
    incident: Incident,
    conversationKey: string,
    act: (context: TurnContext, attachment: Attachment) => Promise<void>,
  ): Promise<void> {
    const reference = (await this.deps.conversations.get(conversationKey)) as Partial<ConversationReference> | undefined;
    if (!reference) throw new DeliveryError('unreachable');
    const locale = resolveLocale(reference.locale, this.deps.defaultLocale);
    const card = this.deps.views.card(notification, incident, locale, await this.viewerIds(notification, incident));
    const attachment: Attachment = { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
    const send = this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      withoutSdkRetries(context);
      await act(context, attachment);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeliveryError('retry')), this.deps.timeoutMs);
    });
    try {
      await Promise.race([send, timeout]);
    } catch (err) {
      throw toDeliveryError(err);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The connector client retries failed requests on its own (core-rest-pipeline's default retry
 * policy). That bypasses the outbox's rate limits, and a retry still running after the outbox's
 * timeout delivers a second copy. The outbox owns retries, so the client's policy is removed.
 */
function withoutSdkRetries(context: TurnContext): void {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }
    | undefined;
  client?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { statusCode?: number; response?: { headers?: { get?: (name: string) => string | undefined } } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const retryAfter = parseRetryAfter(e?.response?.headers?.get?.('retry-after'), Date.now());
  return new DeliveryError(classifyFailure(status), status, retryAfter);
}
