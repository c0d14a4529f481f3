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

const localTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

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

  /** The card a notification sends. */
  card(notification: Notification, incident: Incident, locale: Locale): CardJson {
    return notification.detail === 'full' ? this.full(notification, incident, locale) : this.redacted(notification, incident, locale);
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

  private full(n: Notification, incident: Incident, locale: Locale): CardJson {
    const r = incident.report;
    const facts = [
      ...this.common(incident, locale),
      { title: translate(locale, 'notify.reporter'), value: incident.reporterName },
      { title: translate(locale, 'notify.occurredAt'), value: r.occurredAt.replace('T', ' ') },
      { title: translate(locale, 'report.label.policeIntent'), value: this.option(locale, 'policeIntent', r.policeIntent) },
      { title: translate(locale, 'notify.purpose'), value: this.option(locale, 'purpose', r.purpose) },
      { title: translate(locale, 'report.label.perpetratorRole').split(/[?.]/)[0], value: this.option(locale, 'perpetratorRole', r.perpetratorRole) },
      { title: translate(locale, 'report.label.place').split(/[?.]/)[0], value: this.option(locale, 'place', r.place) },
      { title: translate(locale, 'report.label.injuries').split(/[?.]/)[0], value: r.injuries.map((i) => this.option(locale, 'injuries', i)).join(', ') },
      { title: translate(locale, 'report.label.support').split(/[?.]/)[0], value: r.support.map((s) => this.option(locale, 'support', s)).join(', ') },
    ];
    return this.renderer.render('notify-manager', locale, {
      intro: translate(locale, 'notify.managerIntro', { name: incident.reporterName }),
      bypass: n.role === 'second-line-manager',
      serious: isPossiblySerious(r),
      facts,
      description: r.description,
    });
  }

  private redacted(n: Notification, incident: Incident, locale: Locale): CardJson {
    return this.renderer.render('notify-channel', locale, {
      caseNumber: incident.caseNumber,
      serious: isPossiblySerious(incident.report),
      fallback: n.tried.length > 1,
      facts: this.common(incident, locale),
    });
  }
}
