/**
 * The cards of notifications: the case card for the person who handles it (1:1), the redacted
 * card for the coordinator channel — case number, form, unit, flags, status, time; no names, no
 * free text (privacy rules 1 and 2) — reminders, escalations, and news for the reporter.
 */
import type { Locale } from '../config';
import type { Incident } from '../domain/incident';
import type { Notification } from '../domain/notification';
import { isPossiblySerious } from '../domain/routing';
import { translate, type MessageKey } from '../i18n/translator';
import type { CardJson, CardRenderer } from './card-renderer';
import type { CaseViews } from './case-views';
import { inertMarkdown } from './inert-markdown';

/** Teams refreshes a card for at most 60 named users. */
const MAX_REFRESH_USERS = 60;

/** Renders notification cards. */
export class NotificationViews {
  /**
   * @param renderer - card template renderer
   * @param cases - the case card
   */
  constructor(
    private readonly renderer: CardRenderer,
    private readonly cases: CaseViews,
  ) {}

  /**
   * The card a notification sends (or, for a card update, the card it replaces the sent one with).
   *
   * @param notification - what and to whom
   * @param incident - the incident as it is now
   * @param locale - the recipient's locale
   * @param viewerIds - Teams user ids who get the full card as a user-specific view of a channel card
   */
  card(notification: Notification, incident: Incident, locale: Locale, viewerIds: string[] = []): CardJson {
    const kind = notification.kind ?? 'report';
    if (notification.detail === 'redacted' || notification.target.kind !== 'person') {
      const banner = kind === 'escalation' ? translate(locale, 'notify.escalatedChannel') : '';
      return this.redacted(incident, locale, notification.tried.length > 1, viewerIds, banner);
    }
    const personId = notification.target.personId;
    // A card that follows the case shows no more details to someone who no longer handles it (a hand-over).
    if (kind === 'card-update' && !this.cases.maySeeDetails(incident, personId)) return this.redacted(incident, locale, false, [], '');
    if (kind === 'feedback' || kind === 'closed') return this.reporterNews(kind, incident, locale);
    if (kind === 'reminder') {
      return this.cases.card(incident, personId, locale, { banner: translate(locale, `reminder.${notification.reminder ?? 'acknowledge'}` as MessageKey) });
    }
    return this.cases.card(incident, personId, locale, { intro: this.intro(notification, incident, locale) });
  }

  /** The full case card as a user-specific view for someone allowed to see it. */
  detailsFor(incident: Incident, viewerId: string, locale: Locale): CardJson {
    return this.cases.card(incident, viewerId, locale, { intro: translate(locale, 'notify.viewerIntro') });
  }

  /** The redacted card, for anyone else who refreshes a channel card. */
  redactedFor(incident: Incident, locale: Locale): CardJson {
    return this.redacted(incident, locale, false, [], '');
  }

  private intro(n: Notification, incident: Incident, locale: Locale): string {
    if (n.kind === 'escalation') return translate(locale, 'notify.escalationIntro');
    if (n.kind === 'handover' || n.role === 'assignee') return translate(locale, 'notify.handoverIntro');
    const intro = translate(locale, 'notify.managerIntro', { name: inertMarkdown(incident.reporterName) });
    return n.role === 'second-line-manager' ? `${intro}\n\n${translate(locale, 'notify.bypassIntro')}` : intro;
  }

  private reporterNews(kind: 'feedback' | 'closed', incident: Incident, locale: Locale): CardJson {
    const params = { caseNumber: incident.caseNumber };
    return this.renderer.render('notify-reporter', locale, {
      title: translate(locale, kind === 'feedback' ? 'reporter.feedbackTitle' : 'reporter.closedTitle', params),
      feedback: kind === 'feedback' ? (incident.case.feedback?.text ?? '') : '',
      text: kind === 'closed' ? translate(locale, 'reporter.closedText') : '',
      facts: [
        { title: translate(locale, 'notify.caseNumber'), value: incident.caseNumber },
        { title: translate(locale, 'notify.status'), value: translate(locale, `status.${incident.status}` as MessageKey) },
      ],
    });
  }

  private redacted(incident: Incident, locale: Locale, fallback: boolean, viewerIds: string[], banner: string): CardJson {
    const card = this.renderer.render('notify-channel', locale, {
      incidentId: incident.id,
      caseNumber: incident.caseNumber,
      serious: isPossiblySerious(incident.report),
      highThreat: incident.case.highThreat,
      banner,
      fallback,
      facts: this.cases.commonFacts(incident, locale),
      viewerIds: viewerIds.slice(0, MAX_REFRESH_USERS),
    });
    if (viewerIds.length === 0) delete card.refresh; // nobody to show details to
    return card;
  }
}
