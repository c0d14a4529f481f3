/**
 * The case card — the report, what has been recorded about its handling, and the actions the
 * viewer may take — and the small forms behind those actions. Which buttons a person sees is a
 * convenience: the server checks every action again (`access.ts`).
 */
import type { Locale } from '../config';
import type { Directory } from '../directory/directory';
import { caseRelation, mayOnCase, mayViewDetails } from '../domain/access';
import { CASE_COMMANDS, type CaseCommandKind } from '../domain/case-commands';
import { closeRequirements } from '../domain/case-decisions';
import type { CaseFieldError } from '../domain/case-input';
import type { Incident } from '../domain/incident';
import type { Organisation } from '../domain/organisation';
import { isPossiblySerious } from '../domain/routing';
import type { CaseNotice } from '../services/case-service';
import { messagesFor, translate, type MessageKey } from '../i18n/translator';
import type { CardJson, CardRenderer } from './card-renderer';
import { caseFacts, type Fact } from './case-facts';
import { inertFacts } from './inert-markdown';
import { personName } from './person-name';
import { formFields } from './case-forms';
import { localTime } from './local-time-format';
import { shortLabel } from './short-label';

/** Buttons per row of the case card. */
const BUTTONS_PER_ROW = 3;

/** Renders case cards and forms. */
export class CaseViews {
  /**
   * @param renderer - card template renderer
   * @param organisation - names of people and units
   */
  constructor(
    private readonly renderer: CardRenderer,
    private readonly directory: Directory,
  ) {}

  /** The organisation as the directory has it now. */
  private get organisation(): Organisation {
    return this.directory.current();
  }

  /** Whether a person may see the case's details now (privacy rule 1). */
  maySeeDetails(incident: Incident, viewerId: string): boolean {
    return mayViewDetails(this.organisation, viewerId, incident);
  }

  /** The facts every card about an incident shows, also the redacted one. */
  commonFacts(incident: Incident, locale: Locale): Fact[] {
    const unit = this.organisation.units.find((u) => u.id === incident.unitId)?.name ?? incident.unitId;
    return [
      { title: translate(locale, 'notify.caseNumber'), value: incident.caseNumber },
      { title: translate(locale, 'notify.forms'), value: incident.report.forms.map((f) => this.option(locale, 'forms', f)).join(', ') },
      { title: translate(locale, 'notify.unit'), value: unit },
      { title: translate(locale, 'notify.status'), value: translate(locale, `status.${incident.status}` as MessageKey) },
      { title: translate(locale, 'notify.reportedAt'), value: localTime(incident.reportedAt) },
    ];
  }

  /**
   * The full case card for one viewer, with the actions they may take.
   *
   * @param incident - the case
   * @param viewerId - who will see it (aadObjectId)
   * @param locale - their locale
   * @param options - an intro line and a notice at the top
   */
  card(incident: Incident, viewerId: string, locale: Locale, options: { intro?: string; notice?: CaseNotice; banner?: string } = {}): CardJson {
    const r = incident.report;
    const relation = caseRelation(this.organisation, viewerId, incident);
    const facts = [
      ...this.commonFacts(incident, locale),
      { title: translate(locale, 'notify.reporter'), value: incident.reporterName },
      { title: translate(locale, 'notify.occurredAt'), value: r.occurredAt.replace('T', ' ') },
      { title: translate(locale, 'report.label.policeIntent'), value: this.option(locale, 'policeIntent', r.policeIntent) },
      { title: translate(locale, 'notify.purpose'), value: this.option(locale, 'purpose', r.purpose) },
      { title: shortLabel(translate(locale, 'report.label.perpetratorRole')), value: this.option(locale, 'perpetratorRole', r.perpetratorRole) },
      { title: shortLabel(translate(locale, 'report.label.place')), value: this.option(locale, 'place', r.place) },
      { title: shortLabel(translate(locale, 'report.label.injuries')), value: r.injuries.map((i) => this.option(locale, 'injuries', i)).join(', ') },
      { title: shortLabel(translate(locale, 'report.label.support')), value: r.support.map((s) => this.option(locale, 'support', s)).join(', ') },
    ];
    const missing = incident.case.closed ? [] : closeRequirements(incident);
    const notice = options.notice ? this.noticeText(options.notice, locale) : { text: options.banner ?? '', style: 'warning' };
    return this.renderer.render('case', locale, {
      title: translate(locale, 'case.title', { caseNumber: incident.caseNumber }),
      intro: options.intro ?? '',
      notice: notice.text,
      noticeStyle: notice.style,
      serious: isPossiblySerious(r),
      highThreat: incident.case.highThreat,
      // FactSet values render markdown: no typed [text](url) may become a link.
      facts: inertFacts(facts),
      description: r.description,
      caseFacts: inertFacts(caseFacts(incident, this.organisation, locale, relation.assignee || relation.coordinator)),
      missing: missing.length > 0 ? translate(locale, 'case.missingToClose', { items: missing.map((m) => translate(locale, `case.missing.${m}` as MessageKey)).join(', ') }) : '',
      actionRows: this.actionRows(incident, viewerId, locale),
    });
  }

  /**
   * The form of one action, with what was typed and what was wrong.
   *
   * @param incident - the case
   * @param form - the action
   * @param locale - the reader's locale
   * @param raw - values typed earlier
   * @param errors - field errors
   * @param notice - a message at the top (e.g. someone else changed the case)
   */
  form(incident: Incident, form: CaseCommandKind, locale: Locale, raw: Record<string, string>, errors: readonly CaseFieldError[], notice?: CaseNotice): CardJson {
    const n = notice ? this.noticeText(notice, locale) : errors.length > 0 ? { text: translate(locale, 'report.errorSummary'), style: 'attention' } : { text: '', style: 'default' };
    // Only some forms have a hint; translate() has no fallback for a missing key.
    const hintKey = `case.hint.${form}`;
    const hint = hintKey in messagesFor(locale) ? translate(locale, hintKey as MessageKey) : '';
    return this.renderer.render('case-form', locale, {
      title: translate(locale, `case.action.${form}` as MessageKey),
      subtitle: translate(locale, 'case.title', { caseNumber: incident.caseNumber }),
      notice: n.text,
      noticeStyle: n.style,
      hint,
      fields: formFields(form, incident, this.organisation, locale, raw, errors),
      incidentId: incident.id,
      version: incident.version,
      command: form,
    });
  }

  private actionRows(incident: Incident, viewerId: string, locale: Locale) {
    const c = incident.case;
    const shown = CASE_COMMANDS.filter((kind) => {
      if (!mayOnCase(this.organisation, viewerId, kind, incident)) return false;
      if (c.closed) return kind === 'reopen';
      if (kind === 'reopen') return false;
      if (kind === 'acknowledge') return !c.acknowledged;
      if (kind === 'measure-status') return c.measures.length > 0;
      return true;
    });
    const buttons = shown.map((kind) => ({
      title: translate(locale, `case.action.${kind}` as MessageKey),
      verb: kind === 'acknowledge' || kind === 'close' ? 'case.do' : 'case.form',
      data: { incidentId: incident.id, version: incident.version, form: kind, command: kind },
    }));
    const rows = [];
    for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) rows.push({ buttons: buttons.slice(i, i + BUTTONS_PER_ROW) });
    return rows;
  }

  private noticeText(notice: CaseNotice, locale: Locale): { text: string; style: string } {
    switch (notice.kind) {
      case 'saved':
        return { text: translate(locale, `case.saved.${notice.command}` as MessageKey), style: 'good' };
      case 'conflict': {
        const params = { name: personName(this.organisation, notice.byId, locale), time: localTime(notice.at).slice(-5) };
        return { text: translate(locale, notice.alreadyAcknowledged ? 'case.alreadyAcknowledged' : 'case.conflict', params), style: 'warning' };
      }
      case 'refused': {
        const items = (notice.missing ?? []).map((m) => translate(locale, `case.missing.${m}` as MessageKey)).join(', ');
        return { text: translate(locale, `case.refused.${notice.refusal}` as MessageKey, { items }), style: 'warning' };
      }
    }
  }

  private option(locale: Locale, list: string, value: string): string {
    return translate(locale, `report.option.${list}.${value}` as MessageKey);
  }
}
