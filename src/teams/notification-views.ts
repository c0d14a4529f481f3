/**
 * The cards of notifications: the full report for the responsible manager (1:1) and the redacted
 * card for the coordinator channel — case number, form, unit, flags, status, time; no names, no
 * free text (privacy rules 1 and 2).
 */
import type { Locale } from '../config';
import type { Incident } from '../domain/incident';
import type { Notification } from '../domain/notification';
import type { Organisation } from '../domain/organisation';
import { isPossiblySerious } from '../domain/routing';
import { translate, type MessageKey } from '../i18n/translator';
import type { CardJson, CardRenderer } from './card-renderer';
import { localTime } from './local-time-format';
import { shortLabel } from './short-label';


/** Teams refreshes a card for at most 60 named users. */
const MAX_REFRESH_USERS = 60;

/** Renders notification cards. */
export class NotificationViews {
  /**
   * @param renderer - card template renderer
   * @param organisation - for unit names
   */
  constructor(
    private readonly renderer: CardRenderer,
    private readonly organisation: Organisation,
  ) {}

  /**
   * The card a notification sends.
   *
   * @param notification - what and to whom
   * @param incident - the incident
   * @param locale - the recipient's locale
   * @param viewerIds - Teams user ids who get the full card as a user-specific view of a channel card
   */
  card(notification: Notification, incident: Incident, locale: Locale, viewerIds: string[] = []): CardJson {
    return notification.detail === 'full'
      ? this.full(incident, locale, translate(locale, 'notify.managerIntro', { name: incident.reporterName }), notification.role === 'second-line-manager')
      : this.redacted(incident, locale, notification.tried.length > 1, viewerIds);
  }

  /** The full card as a user-specific view for someone allowed to see it. */
  detailsFor(incident: Incident, locale: Locale): CardJson {
    return this.full(incident, locale, translate(locale, 'notify.viewerIntro'), false);
  }

  /** The redacted card, for anyone else who refreshes a channel card. */
  redactedFor(incident: Incident, locale: Locale): CardJson {
    return this.redacted(incident, locale, false, []);
  }

  private option(locale: Locale, list: string, value: string): string {
    return translate(locale, `report.option.${list}.${value}` as MessageKey);
  }

  private common(incident: Incident, locale: Locale) {
    const unit = this.organisation.units.find((u) => u.id === incident.unitId)?.name ?? incident.unitId;
    return [
      { title: translate(locale, 'notify.caseNumber'), value: incident.caseNumber },
      { title: translate(locale, 'notify.forms'), value: incident.report.forms.map((f) => this.option(locale, 'forms', f)).join(', ') },
      { title: translate(locale, 'notify.unit'), value: unit },
      { title: translate(locale, 'notify.status'), value: translate(locale, `status.${incident.status}` as MessageKey) },
      { title: translate(locale, 'notify.reportedAt'), value: localTime(incident.reportedAt) },
    ];
  }

  private full(incident: Incident, locale: Locale, intro: string, bypass: boolean): CardJson {
    const r = incident.report;
    const facts = [
      ...this.common(incident, locale),
      { title: translate(locale, 'notify.reporter'), value: incident.reporterName },
      { title: translate(locale, 'notify.occurredAt'), value: r.occurredAt.replace('T', ' ') },
      { title: translate(locale, 'report.label.policeIntent'), value: this.option(locale, 'policeIntent', r.policeIntent) },
      { title: translate(locale, 'notify.purpose'), value: this.option(locale, 'purpose', r.purpose) },
      { title: shortLabel(translate(locale, 'report.label.perpetratorRole')), value: this.option(locale, 'perpetratorRole', r.perpetratorRole) },
      { title: shortLabel(translate(locale, 'report.label.place')), value: this.option(locale, 'place', r.place) },
      { title: shortLabel(translate(locale, 'report.label.injuries')), value: r.injuries.map((i) => this.option(locale, 'injuries', i)).join(', ') },
      { title: shortLabel(translate(locale, 'report.label.support')), value: r.support.map((s) => this.option(locale, 'support', s)).join(', ') },
    ];
    return this.renderer.render('notify-manager', locale, {
      intro,
      bypass,
      serious: isPossiblySerious(r),
      facts,
      description: r.description,
    });
  }

  private redacted(incident: Incident, locale: Locale, fallback: boolean, viewerIds: string[]): CardJson {
    const card = this.renderer.render('notify-channel', locale, {
      incidentId: incident.id,
      caseNumber: incident.caseNumber,
      serious: isPossiblySerious(incident.report),
      fallback,
      facts: this.common(incident, locale),
      viewerIds: viewerIds.slice(0, MAX_REFRESH_USERS),
    });
    if (viewerIds.length === 0) delete card.refresh; // nobody to show details to
    return card;
  }
}
